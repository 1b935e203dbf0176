using System.Collections.Concurrent;
using LiveAssist.Catalog.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Review.Catalog;

/// <summary>
/// The catalog entries the checks compare claims with, kept for <see cref="ReviewOptions.ProductCacheSeconds"/> so a
/// line costs a dictionary lookup, not a catalog call. A catalog that does not answer means no catalog checks for
/// that line (captions never wait on it twice).
/// </summary>
public sealed partial class ProductFacts(IServiceProvider services, IOptions<ReviewOptions> options, TimeProvider time, ILogger<ProductFacts> logger)
{
    private readonly ConcurrentDictionary<string, (Product? Product, DateTimeOffset At)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<Product?> GetAsync(string productId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(productId, out var cached) && now - cached.At < TimeSpan.FromSeconds(options.Value.ProductCacheSeconds))
        {
            return cached.Product;
        }

        Product? product = null;
        try
        {
            // Resolved on use: the catalog client may point at this very host.
            using var response = await services.GetRequiredService<ICatalogApi>().GetProductAsync(productId, null, cancellationToken).ConfigureAwait(false);
            product = response.IsSuccessStatusCode ? response.Content : null;
        }
        catch (Exception e) when (e is HttpRequestException or Refit.ApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogCatalogDown(logger, productId, e.Message);
        }

        _cache[productId] = (product, now);
        return product;
    }

    [LoggerMessage(1, LogLevel.Warning, "Compliance review: no catalog facts for {Product} ({Reason}); its claims are not checked against the catalog for now")]
    private static partial void LogCatalogDown(ILogger logger, string product, string reason);
}
