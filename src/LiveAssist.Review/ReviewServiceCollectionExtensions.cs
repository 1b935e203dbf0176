using LiveAssist.Dialogs.Content;
using LiveAssist.Review.Catalog;
using LiveAssist.Review.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveAssist.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>
    /// Compliance review of host lines (issue 19): rule packs from <c>Dialogs:ReviewDirectory</c> (default <c>review/</c>)
    /// through the dialogs' content store, and the catalog checks. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddComplianceReview(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IContentPackReader, RulePackReader>());
        services.TryAddSingleton<ReviewRules>();
        services.TryAddSingleton<ProductFacts>();
        services.TryAddSingleton<LineReviewer>();
        return services;
    }
}
