using LiveAssist.BotFramework.State;
using LiveAssist.EngineChains.Health;
using LiveAssist.Redis;
using LiveAssist.Storage;
using Microsoft.Extensions.Options;

namespace LiveAssist.Host.Hosting;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (its dependencies answer, and each configured speech and
/// translation engine's health in fallback order). Storage is ready when the data disk has room and bot state can be
/// written; each capability's SQLite file is reported on its own, and a damaged one makes the host degraded, not down.
/// With <c>Redis:Configuration</c>, <c>redis</c> says whether Redis answers: when it does not, the host is degraded (it keeps
/// captioning its own lives and writes them to Redis when it is back), not down.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        endpoints.MapGet("/readyz", async (IStateStore store, EngineStatus engineStatus, DataFiles files, IOptions<StorageOptions> storage,
            IHostEnvironment environment, HttpContext context, CancellationToken cancellationToken) =>
        {
            var checks = new Dictionary<string, string> { ["storage"] = await StorageAsync(store, storage, environment, cancellationToken).ConfigureAwait(false) };
            var databases = new Dictionary<string, string>();
            foreach (var (fileName, database) in files.All)
            {
                databases[fileName] = await database.CheckAsync(cancellationToken).ConfigureAwait(false) is { } failure ? "failed: " + failure : "ok";
            }

            // Engines do not decide readiness: captions fall back to the next engine (offline last).
            var engines = await engineStatus.ReportAsync(cancellationToken).ConfigureAwait(false);
            var redis = context.RequestServices.GetService<RedisHealth>() is { } health ? await health.CheckAsync(cancellationToken).ConfigureAwait(false) : null;
            var ready = checks.Values.All(v => v == "ok");
            var degraded = engines.Any(e => e.Status != "ok") || databases.Values.Any(v => v != "ok") || redis is { Status: not "up" };
            return Results.Json(new { status = ready ? (degraded ? "degraded" : "ready") : "not ready", checks, databases, engines, redis }, statusCode: ready ? 200 : 503);
        });
    }

    private static async Task<string> StorageAsync(IStateStore store, IOptions<StorageOptions> storage, IHostEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            var directory = SqliteDatabase.PathFor(storage, environment, ".");
            var free = new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace / (1024 * 1024);
            if (free < storage.Value.MinFreeMegabytes)
            {
                return $"failed: disk full ({free} MiB free, {storage.Value.MinFreeMegabytes} MiB needed)";
            }

            // A write, not a read: a full disk or a read-only file still reads.
            await store.WriteAsync("readyz/probe", new System.Text.Json.Nodes.JsonObject { ["ok"] = true }, cancellationToken).ConfigureAwait(false);
            return "ok";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return "failed: " + ex.GetType().Name;
        }
    }
}
