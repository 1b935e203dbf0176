using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace LiveAssist.Host.Hosting;

/// <summary>Per-client limits for endpoints anyone can call (token minting, public pages' APIs).</summary>
internal static class PublicRateLimits
{
    public const string Policy = "public";

    /// <summary>Caption streams and exports: overlays reconnect often and many may share one address (a studio).</summary>
    public const string CaptionsPolicy = "captions";

    public static IServiceCollection AddPublicRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimits:PublicPermitsPerMinute", 60);
        var captionPermits = configuration.GetValue("RateLimits:CaptionPermitsPerMinute", 1200);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.AddPolicy(CaptionsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = captionPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(statusCode: 429, title: "Too many requests", detail: "Please wait a minute and try again.")
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
        });
        return services;
    }
}
