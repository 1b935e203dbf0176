using LiveAssist.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveAssist.Host.Hosting.Health;

/// <summary>
/// With <c>Redis:Configuration</c>: whether Redis answers. When it does not the host is degraded, not down: it keeps
/// captioning its own lives and writes what it acknowledged to Redis when Redis is back.
/// </summary>
internal sealed class RedisHealthCheck(RedisHealth redis) : IHealthCheck
{
    public const string ReportKey = "redis";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await redis.CheckAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object> { [ReportKey] = status };
        return status.Status == "up" ? HealthCheckResult.Healthy(data: data) : HealthCheckResult.Degraded(status.Error, data: data);
    }
}
