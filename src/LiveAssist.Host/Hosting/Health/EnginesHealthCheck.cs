using LiveAssist.EngineChains.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveAssist.Host.Hosting.Health;

/// <summary>
/// Every configured speech, translation and voice engine in fallback order. Engines never make the host unready:
/// captions fall back to the next engine, offline last; a failing one only degrades it.
/// </summary>
internal sealed class EnginesHealthCheck(EngineStatus status) : IHealthCheck
{
    public const string ReportKey = "engines";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var engines = await status.ReportAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object> { [ReportKey] = engines };
        var failing = engines.Where(e => e.Status != "ok").Select(e => $"{e.Kind} {e.Name}").ToList();
        return failing.Count == 0 ? HealthCheckResult.Healthy(data: data) : HealthCheckResult.Degraded("not ok: " + string.Join(", ", failing), data: data);
    }
}
