using LiveAssist.BotFramework.State;
using LiveAssist.Engines.Health;

namespace LiveAssist.Host.Hosting;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (its dependencies answer, and each configured speech and translation engine's health in fallback order).</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        endpoints.MapGet("/readyz", async (IStateStore store, EngineStatus engineStatus, CancellationToken cancellationToken) =>
        {
            var checks = new Dictionary<string, string>();
            try
            {
                await store.ReadAsync("readyz/probe", cancellationToken).ConfigureAwait(false);
                checks["storage"] = "ok";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                checks["storage"] = "failed: " + ex.GetType().Name;
            }

            // Engines do not decide readiness: captions fall back to the next engine (offline last).
            var engines = await engineStatus.ReportAsync(cancellationToken).ConfigureAwait(false);
            var ready = checks.Values.All(v => v == "ok");
            var degraded = engines.Any(e => e.Status != "ok");
            return Results.Json(new { status = ready ? (degraded ? "degraded" : "ready") : "not ready", checks, engines }, statusCode: ready ? 200 : 503);
        });
    }
}
