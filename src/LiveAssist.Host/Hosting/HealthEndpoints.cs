using LiveAssist.BotFramework.State;

namespace LiveAssist.Host.Hosting;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (its dependencies answer).</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        endpoints.MapGet("/readyz", async (IStateStore store, CancellationToken cancellationToken) =>
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

            var ready = checks.Values.All(v => v == "ok");
            return Results.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? 200 : 503);
        });
    }
}
