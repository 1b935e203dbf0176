using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveAssist.ServiceDefaults.Tests;

/// <summary>What an operator's probe reads from <c>/readyz</c> and who may read <c>/metrics</c>.</summary>
public sealed class ReadinessBodyTests
{
    [Fact]
    public void AFailedCheckWithoutDetails_IsNamedUnderChecksWithWhy_AndTheHostIsNotReady()
    {
        var body = HealthDefaults.ReadinessBody(Report(HealthStatus.Unhealthy,
            ("storage", Entry(HealthStatus.Unhealthy, "disk full (3 MiB free, 200 MiB needed)"))));

        Assert.Equal("not ready", body["status"]);
        Assert.Equal("failed: disk full (3 MiB free, 200 MiB needed)", ((Dictionary<string, string>)body["checks"]!)["storage"]);
    }

    [Fact]
    public void ChecksWithDetails_AreTheirOwnProperties_AndADegradedOneLeavesTheHostServing()
    {
        var engines = new[] { "azure: failed", "offline: ok" };
        var body = HealthDefaults.ReadinessBody(Report(HealthStatus.Degraded,
            ("storage", Entry(HealthStatus.Healthy)),
            ("engines", Entry(HealthStatus.Degraded, "not ok: azure", new Dictionary<string, object> { ["engines"] = engines })),
            ("databases", Entry(HealthStatus.Healthy, data: new Dictionary<string, object> { ["captions.db"] = "ok", ["buyerqa.db"] = "ok" }))));

        Assert.Equal("degraded", body["status"]);
        Assert.Equal("ok", ((Dictionary<string, string>)body["checks"]!)["storage"]);
        Assert.Same(engines, body["engines"]); // its datum of the same name, as it is
        var databases = Assert.IsType<Dictionary<string, object>>(body["databases"]);
        Assert.Equal(["buyerqa.db", "captions.db"], databases.Keys.Order());
        Assert.False(((Dictionary<string, string>)body["checks"]!).ContainsKey("engines"));
    }

    [Theory]
    [InlineData("127.0.0.1", null, null, true)] // a scraper on the same machine
    [InlineData("::1", null, null, true)]
    [InlineData("203.0.113.9", null, null, false)] // elsewhere, no key configured: not there
    [InlineData("203.0.113.9", "s3cret-key", null, false)]
    [InlineData("203.0.113.9", "s3cret-key", "Bearer guess", false)]
    [InlineData("203.0.113.9", "s3cret-key", "Bearer s3cret-key", true)]
    [InlineData("203.0.113.9", "s3cret-key", "s3cret-key", false)] // not a bearer token
    public void Metrics_AreForThisMachine_OrWhoHoldsTheKey(string remote, string? key, string? authorization, bool allowed)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        Assert.Equal(allowed, TelemetryDefaults.MetricsAllowed(context, key));
    }

    private static HealthReport Report(HealthStatus status, params (string Name, HealthReportEntry Entry)[] entries)
        => new(entries.ToDictionary(e => e.Name, e => e.Entry), status, TimeSpan.FromMilliseconds(3));

    private static HealthReportEntry Entry(HealthStatus status, string? description = null, Dictionary<string, object>? data = null)
        => new(status, description, TimeSpan.FromMilliseconds(1), null, data ?? []);
}
