using System.Net;
using System.Security.Cryptography;
using System.Text;
using LiveAssist.Captions.Delivery;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LiveAssist.Host.Hosting;

/// <summary>
/// <c>GET /metrics</c>: the host's meters (<c>LiveAssist.*</c>) in Prometheus text, through OpenTelemetry.
/// Scrapers on the same machine read it freely; from elsewhere it needs <c>Metrics:Key</c> as a bearer token,
/// and without a key it is not there at all (404), since delays and listener counts describe the business.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    // Fine at the low end: the caption target is 50 ms, the turn target 100 ms.
    private static readonly double[] DelayBuckets = [1, 2, 3, 5, 7.5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 2000, 5000, 10000];

    /// <summary>Trace sources of the host's capabilities: turns and caption lines, each stage a span.</summary>
    public const string TraceSources = "LiveAssist.*";

    public static IServiceCollection AddHostMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("LiveAssist.*")
            .AddView(CaptionMetrics.DelayInstrument, new ExplicitBucketHistogramConfiguration { Boundaries = DelayBuckets })
            .AddPrometheusExporter());

        // Traces leave the process only for a collector someone named; without one no span is even made.
        var otlp = configuration["OpenTelemetry:Otlp:Endpoint"] is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(otlp) && Uri.TryCreate(otlp, UriKind.Absolute, out var endpoint))
        {
            // The request's own span (ASP.NET Core) is the parent the turn and caption spans hang from.
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource(TraceSources).AddOtlpExporter(exporter => exporter.Endpoint = endpoint));
        }

        return services;
    }

    public static WebApplication MapHostMetrics(this WebApplication app)
    {
        var key = app.Configuration["Metrics:Key"];
        app.UseWhen(context => context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase) && !Allowed(context, key),
            refused => refused.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        app.MapPrometheusScrapingEndpoint(Path);
        return app;
    }

    private static bool Allowed(HttpContext context, string? key)
    {
        if (context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
        {
            return true;
        }

        var header = context.Request.Headers.Authorization.ToString();
        return !string.IsNullOrEmpty(key) && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..]), Encoding.UTF8.GetBytes(key));
    }
}
