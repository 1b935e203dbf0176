using System.Text.Json.Nodes;
using LiveAssist.BotFramework.State;
using LiveAssist.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LiveAssist.Host.Hosting.Health;

/// <summary>
/// The one check that decides readiness: the data disk has room and bot state can be written (a write, not a read: a
/// full disk or a read-only file still reads). Without it no buyer turn can be remembered.
/// </summary>
internal sealed class StorageHealthCheck(IStateStore store, IOptions<StorageOptions> storage, IHostEnvironment environment) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var directory = SqliteDatabase.PathFor(storage, environment, ".");
            var free = new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace / (1024 * 1024);
            if (free < storage.Value.MinFreeMegabytes)
            {
                return HealthCheckResult.Unhealthy($"disk full ({free} MiB free, {storage.Value.MinFreeMegabytes} MiB needed)");
            }

            await store.WriteAsync("readyz/probe", new JsonObject { ["ok"] = true }, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(ex.GetType().Name); // the type only: messages can carry paths
        }
    }
}
