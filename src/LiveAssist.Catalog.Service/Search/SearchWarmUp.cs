using Microsoft.Extensions.Hosting;

namespace LiveAssist.Catalog.Service.Search;

/// <summary>
/// Once the host has started, reads the catalog's words and the installed FreeDict dictionaries in the background,
/// so buyers' words in their languages are understood from the first questions on (a request never waits for it).
/// </summary>
internal sealed class SearchWarmUp(IHostApplicationLifetime lifetime, CatalogStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => store.EnsureVocabularyAsync(lifetime.ApplicationStopping), CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
