using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Dialogs.Content;

/// <summary>
/// Checks the dialog and locale folders every <see cref="DialogOptions.ReloadIntervalMs"/> and reloads when
/// a file's size or time changed. Polling rather than FileSystemWatcher: editors that save by rename, network
/// and container mounts all show up the same way, and a fingerprint of ~20 small files costs nothing.
/// The store is resolved on the first tick, not at startup: its operations need HTTP clients that are
/// only usable once the server runs.
/// </summary>
public sealed partial class ContentWatcher(IServiceProvider services, IHostApplicationLifetime lifetime, IOptions<DialogOptions> options, TimeProvider time, ILogger<ContentWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The store's operations use HTTP clients that work only once the server runs.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }

        DialogContentStore? store = null;
        var fingerprint = string.Empty;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ReloadIntervalMs), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (store is null)
                {
                    store = services.GetRequiredService<DialogContentStore>();
                    fingerprint = store.LoadedFingerprint;
                }

                var now = store.Files.Fingerprint();
                if (now != fingerprint)
                {
                    fingerprint = now;
                    await store.ReloadAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A failed check must never stop the host (a BackgroundService that throws does): try again next tick.
                LogReadFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Could not check or reload the dialog folders; trying again")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
