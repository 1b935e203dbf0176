using LiveAssist.Redis;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveAssist.Host.Hosting.Health;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (its dependencies answer), on the framework's health checks.
/// Only storage decides readiness (503 "not ready"); a damaged capability file, a failing engine or Redis away make the
/// host "degraded" with 200, because it still serves. The body keeps the shape operators' probes already read.
/// </summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHostHealthChecks(this IServiceCollection services, bool redis)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<DataFilesHealthCheck>("databases", HealthStatus.Degraded, [ReadyTag])
            .AddCheck<EnginesHealthCheck>(EnginesHealthCheck.ReportKey, HealthStatus.Degraded, [ReadyTag]);
        if (redis)
        {
            checks.AddCheck<RedisHealthCheck>(RedisHealthCheck.ReportKey, HealthStatus.Degraded, [ReadyTag]);
        }

        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder endpoints)
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
            ResponseWriter = WriteReadinessAsync,
        });
    }

    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var storage = report.Entries["storage"];
        var checks = new Dictionary<string, string> { ["storage"] = storage.Status == HealthStatus.Healthy ? "ok" : "failed: " + storage.Description };
        var databases = report.Entries.TryGetValue("databases", out var files) ? files.Data.ToDictionary(d => d.Key, d => d.Value) : [];
        var engines = Data<IReadOnlyList<LiveAssist.EngineChains.Health.EngineReport>>(report, EnginesHealthCheck.ReportKey) ?? [];
        var redis = Data<RedisStatus>(report, RedisHealthCheck.ReportKey);
        var status = report.Status switch
        {
            HealthStatus.Healthy => "ready",
            HealthStatus.Degraded => "degraded",
            _ => "not ready",
        };
        return context.Response.WriteAsJsonAsync(new { status, checks, databases, engines, redis }, context.RequestAborted);
    }

    private static T? Data<T>(HealthReport report, string key)
        where T : class
        => report.Entries.TryGetValue(key, out var entry) && entry.Data.TryGetValue(key, out var value) ? value as T : null;
}
