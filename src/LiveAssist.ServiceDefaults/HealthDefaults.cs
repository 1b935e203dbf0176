using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveAssist.ServiceDefaults;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (its dependencies answer) on the framework's health checks.
/// A check tagged <see cref="ReadyTag"/> takes part in readiness. Only an unhealthy check makes the host "not ready"
/// (503); a degraded one makes it "degraded" with 200, because it still serves.
/// </summary>
public static class HealthDefaults
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthDefaults(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false, // liveness: the process answers, whatever its dependencies say
            ResponseWriter = (context, _) => context.Response.WriteAsJsonAsync(new { status = "ok" }),
        });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(ReadinessBody(report), context.RequestAborted),
        });
        return endpoints;
    }

    /// <summary>
    /// The body operators' probes read: <c>status</c> (ready, degraded, not ready); a check with no details under
    /// <c>checks</c> as "ok" or "failed: why"; a check with details as its own property (its datum of the same name, or
    /// all its data), e.g. <c>databases</c>, <c>engines</c>, <c>redis</c>.
    /// </summary>
    internal static Dictionary<string, object?> ReadinessBody(HealthReport report)
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["status"] = report.Status switch
            {
                HealthStatus.Healthy => "ready",
                HealthStatus.Degraded => "degraded",
                _ => "not ready",
            },
            ["checks"] = checks,
        };
        foreach (var (name, entry) in report.Entries)
        {
            if (entry.Data.TryGetValue(name, out var own))
            {
                body[name] = own;
            }
            else if (entry.Data.Count > 0)
            {
                body[name] = entry.Data.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
            }
            else
            {
                checks[name] = entry.Status == HealthStatus.Healthy ? "ok" : "failed: " + (entry.Description ?? entry.Exception?.GetType().Name ?? "unknown");
            }
        }

        return body;
    }
}
