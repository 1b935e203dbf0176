using System.Threading.RateLimiting;
using LiveAssist.Redis;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveAssist.Host.Hosting;

/// <summary>Per-client limits for endpoints anyone can call (token minting, sign-in, public pages' APIs, streams).</summary>
internal static class PublicRateLimits
{
    public const string Policy = "public";

    /// <summary>Caption streams and exports: overlays reconnect often and many may share one address (a studio).</summary>
    public const string CaptionsPolicy = "captions";

    /// <summary>Buyer chat tokens, apart from everything else.</summary>
    public const string ChatTokenPolicy = "chat-token";

    /// <summary>Operator sign-in, apart from everything else.</summary>
    public const string SignInPolicy = "signin";

    /// <summary>The embedded Direct Line: buyer turns per conversation, everything else per IP.</summary>
    public const string DirectLinePolicy = "directline";

    public static IServiceCollection AddPublicRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>>(sp => new ConfigureOptions<RateLimiterOptions>(options =>
            Configure(options, sp.GetRequiredService<IOptions<RateLimitOptions>>().Value, sp.GetService<RedisRateLimiters>())));
        return services;
    }

    /// <param name="shared">With Redis: the per-minute budgets are counted across hosts (a client the load balancer spreads
    /// over three hosts gets them once); open streams stay counted per host, whose sockets they hold.</param>
    private static void Configure(RateLimiterOptions options, RateLimitOptions budgets, RedisRateLimiters? shared)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, context => PerMinute("public:" + Address(context), budgets.PublicPermitsPerMinute, shared));
        options.AddPolicy(CaptionsPolicy, context => PerMinute("captions:" + Address(context), budgets.CaptionPermitsPerMinute, shared));
        options.AddPolicy(ChatTokenPolicy, context => PerMinute("chat-token:" + Address(context), budgets.ChatTokenPermitsPerMinute, shared));
        options.AddPolicy(SignInPolicy, context => PerMinute("signin:" + Address(context), budgets.SignInPermitsPerMinute, shared));
        options.AddPolicy(DirectLinePolicy, context =>
        {
            // A token opens one conversation, so a per-conversation budget is a per-token budget.
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.RouteValues["conversationId"] is string conversationId
                && (context.Request.Path.Value?.EndsWith("/activities", StringComparison.Ordinal) ?? false))
            {
                if (shared is not null)
                {
                    // Across hosts a fixed minute, not the bucket: the budget per minute is the same, the burst is not smoothed.
                    return PerMinute("turns:" + conversationId, budgets.BuyerTurnsPerMinute, shared);
                }

                var burst = Math.Min(10, budgets.BuyerTurnsPerMinute);
                return RateLimitPartition.GetTokenBucketLimiter("turns:" + conversationId, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = Math.Max(1, budgets.BuyerTurnsPerMinute / 6),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            }

            return PerMinute("directline:" + Address(context), budgets.DirectLinePermitsPerMinute, shared);
        });

        // Long-lived streams hold a permit for as long as they are open (the middleware keeps the lease until the request ends).
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsStream(context.Request)
            ? RateLimitPartition.GetConcurrencyLimiter("streams:" + Address(context), _ => new ConcurrencyLimiterOptions { PermitLimit = budgets.StreamsPerIp, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(string.Empty));
        options.OnRejected = async (context, cancellationToken) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            await Results.Problem(statusCode: 429, title: "Too many requests", detail: "Please wait a minute and try again.")
                .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
        };
    }

    public static bool IsStream(HttpRequest request)
    {
        var path = request.Path.Value ?? string.Empty;
        return HttpMethods.IsGet(request.Method)
            && (path.EndsWith("/captions/stream", StringComparison.OrdinalIgnoreCase)
                || (path.StartsWith("/v3/directline/", StringComparison.OrdinalIgnoreCase) && path.EndsWith("/stream", StringComparison.OrdinalIgnoreCase)));
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerMinute(string key, int permits, RedisRateLimiters? shared)
        => shared is null
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.Get(key, k => shared.PerWindow(k, permits, TimeSpan.FromMinutes(1)));
}
