using System.Text.Json;
using LiveAssist.Catalog.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Catalog.Service;

/// <summary>On first run (empty store) loads the shipped sample catalog, so the product has something to sell.</summary>
internal sealed partial class SampleCatalogLoader(CatalogStore store, IOptions<CatalogServiceOptions> options, ILogger<SampleCatalogLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!options.Value.LoadSampleCatalog || await store.CountAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                return;
            }

            var products = Read();
            var (inserted, _) = await store.UpsertAsync(products, cancellationToken).ConfigureAwait(false);
            LogLoaded(logger, inserted);
        }
        catch (LiveAssist.Storage.DataFileUnavailableException ex)
        {
            LogUnavailable(logger, ex); // the catalog answers 503 and /readyz names catalog.db; the host still starts
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static List<Product> Read()
    {
        using var stream = typeof(SampleCatalogLoader).Assembly.GetManifestResourceStream("LiveAssist.Catalog.Service.Data.sample-catalog.json")
            ?? throw new InvalidOperationException("The sample catalog is not embedded.");
        return JsonSerializer.Deserialize<List<Product>>(stream, CatalogJson.Options) ?? [];
    }

    [LoggerMessage(1, LogLevel.Information, "Loaded the sample catalog: {Count} products")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(2, LogLevel.Error, "The catalog database is unavailable; the sample catalog was not loaded")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
