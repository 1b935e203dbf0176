using LiveAssist.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveAssist.Host.Hosting.Health;

/// <summary>
/// The host's readiness checks, on the service defaults' <c>/readyz</c>: only storage decides readiness (503 "not
/// ready"); a damaged capability file, a failing engine or Redis away make the host "degraded" with 200, because it
/// still serves.
/// </summary>
internal static class HostHealthChecks
{
    public static IServiceCollection AddHostHealthChecks(this IServiceCollection services, bool redis)
    {
        string[] ready = [HealthDefaults.ReadyTag];
        var checks = services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", HealthStatus.Unhealthy, ready)
            .AddCheck<DataFilesHealthCheck>("databases", HealthStatus.Degraded, ready)
            .AddCheck<EnginesHealthCheck>(EnginesHealthCheck.ReportKey, HealthStatus.Degraded, ready);
        if (redis)
        {
            checks.AddCheck<RedisHealthCheck>(RedisHealthCheck.ReportKey, HealthStatus.Degraded, ready);
        }

        return services;
    }
}
