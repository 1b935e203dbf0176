using LiveAssist.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveAssist.ShopCatalog;

public static class ShopCatalogServiceCollectionExtensions
{
    /// <summary>
    /// Adds the studio's product management. <paramref name="importKey"/> gives the catalog's import key (the
    /// embedded catalog's, or <c>Catalog:ApiKey</c> of the merchant's own catalog).
    /// </summary>
    public static IServiceCollection AddShopCatalog(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> importKey)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ShopCatalogOptions>().Bind(configuration.GetSection(ShopCatalogOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => new CatalogImportKey(importKey(sp)));
        services.TryAddSingleton(sp => new PictureStore(sp.DataFilePath("pictures"), sp.GetRequiredService<IOptions<ShopCatalogOptions>>()));
        services.TryAddSingleton<ShopProducts>();
        return services;
    }
}
