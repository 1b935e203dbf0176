using LiveAssist.Catalog.Client;
using LiveAssist.Catalog.Service.Search;
using LiveAssist.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveAssist.Catalog.Service;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>Adds the embedded catalog service (SQLite file <c>catalog.db</c> in the data directory).</summary>
    public static IServiceCollection AddEmbeddedCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CatalogServiceOptions>().Bind(configuration.GetSection(CatalogClientOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(_ => CategoryTree.Load());
        services.TryAddSingleton(_ => SearchLexicon.Load());
        services.TryAddSingleton<SearchTerms>();
        services.TryAddSingleton<CatalogVocabulary>();
        services.TryAddSingleton<FreeDictLexicon>();
        services.AddHostedService<SearchWarmUp>();
        services.TryAddSingleton(sp => new CatalogStore(sp.OpenDataFile("catalog.db"), sp.GetRequiredService<SearchTerms>(), sp.GetRequiredService<CatalogVocabulary>(), sp.GetRequiredService<FreeDictLexicon>()));
        services.TryAddSingleton(sp => new CatalogApiKey(SecretFile.FromConfigOrFile(
            sp.GetRequiredService<IOptions<CatalogServiceOptions>>().Value.ApiKey, sp.DataFilePath("catalog.apikey")).Value));
        services.AddHostedService<SampleCatalogLoader>();
        services.AddOpenApi("openapi", o => o.ShouldInclude = d => d.GroupName == CatalogEndpoints.OpenApiGroup);
        return services;
    }

    /// <summary>
    /// Replaces the HTTP catalog client with direct calls into the embedded catalog (same answers, no loopback
    /// round trip). Call after the client is added, and only when <c>Catalog:BaseUrl</c> names no other catalog.
    /// </summary>
    public static IServiceCollection UseEmbeddedCatalogDirectly(this IServiceCollection services)
    {
        services.RemoveAll<ICatalogApi>();
        services.AddSingleton<ICatalogApi, EmbeddedCatalogApi>();
        return services;
    }
}
