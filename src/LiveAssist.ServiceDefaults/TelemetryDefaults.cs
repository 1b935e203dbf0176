using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LiveAssist.ServiceDefaults;

/// <summary>
/// The host's meters and traces through OpenTelemetry. <c>GET /metrics</c> gives every <c>LiveAssist.*</c> meter in
/// Prometheus text: scrapers on the same machine read it freely; from elsewhere it needs <c>Metrics:Key</c> as a bearer
/// token, and without a key it is not there at all (404), since delays and listener counts describe the business.
/// Traces leave the process only for a collector someone named (<c>OpenTelemetry:Otlp:Endpoint</c> or
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
/// </summary>
public static class TelemetryDefaults
{
    public const string MetricsPath = "/metrics";

    /// <summary>Meters and trace sources of the host's capabilities (turns, caption lines, engines, presenter).</summary>
    public const string Sources = "LiveAssist.*";

    // Fine at the low end for every millisecond histogram: the caption target is 50 ms, the turn target 100 ms.
    internal static readonly double[] MillisecondBuckets = [1, 2, 3, 5, 7.5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 2000, 5000, 10000];

    public static IServiceCollection AddTelemetryDefaults(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Sources)
            .AddView(instrument => instrument.Unit == "ms" && instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal)
                ? new ExplicitBucketHistogramConfiguration { Boundaries = MillisecondBuckets }
                : null)
            .AddPrometheusExporter());

        var otlp = configuration["OpenTelemetry:Otlp:Endpoint"] is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(otlp) && Uri.TryCreate(otlp, UriKind.Absolute, out var endpoint))
        {
            // The request's own span (ASP.NET Core) is the parent the turn and caption spans hang from.
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource(Sources).AddOtlpExporter(exporter => exporter.Endpoint = endpoint));
        }

        return services;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var key = app.Configuration["Metrics:Key"];
        app.UseWhen(context => context.Request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase) && !MetricsAllowed(context, key),
            refused => refused.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    internal static bool MetricsAllowed(HttpContext context, string? key)
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
