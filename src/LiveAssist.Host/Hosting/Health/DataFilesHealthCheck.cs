using LiveAssist.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveAssist.Host.Hosting.Health;

/// <summary>Each capability's SQLite file on its own: a damaged one takes down only its capability, so the host is degraded, not down.</summary>
internal sealed class DataFilesHealthCheck(DataFiles files) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var databases = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (fileName, database) in files.All)
        {
            databases[fileName] = await database.CheckAsync(cancellationToken).ConfigureAwait(false) is { } failure ? "failed: " + failure : "ok";
        }

        var failed = databases.Where(d => !Equals(d.Value, "ok")).Select(d => d.Key).ToList();
        return failed.Count == 0
            ? HealthCheckResult.Healthy(data: databases)
            : HealthCheckResult.Degraded("unusable: " + string.Join(", ", failed), data: databases);
    }
}
