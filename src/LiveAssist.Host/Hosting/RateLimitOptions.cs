using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Host.Hosting;

/// <summary>Per-client budgets enforced with the ASP.NET Core rate limiter. Bound from <c>RateLimits</c>.</summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Session creation and other public writes, per IP per minute (60).</summary>
    [Range(1, 1_000_000)]
    public int PublicPermitsPerMinute { get; set; } = 60;

    /// <summary>Caption stream opens and exports, per IP per minute (1,200: a studio's overlays reconnect often).</summary>
    [Range(1, 10_000_000)]
    public int CaptionPermitsPerMinute { get; set; } = 1200;

    /// <summary>Buyer chat tokens (<c>POST /chat/token</c>), per IP per minute (60). Its own bucket, so buyers behind one NAT never use up sign-in.</summary>
    [Range(1, 1_000_000)]
    public int ChatTokenPermitsPerMinute { get; set; } = 60;

    /// <summary>Operator sign-in attempts, per IP per minute (10): password guessing is slow, and buyers cannot spend this budget.</summary>
    [Range(1, 10_000)]
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>Buyer activities posted to one Direct Line conversation (one token), per minute (30, bursts of 10).</summary>
    [Range(1, 100_000)]
    public int BuyerTurnsPerMinute { get; set; } = 30;

    /// <summary>Other Direct Line calls (tokens, conversations, polling), per IP per minute (1,200: Web Chat polls each second when WebSockets fail).</summary>
    [Range(1, 10_000_000)]
    public int DirectLinePermitsPerMinute { get; set; } = 1200;

    /// <summary>Long-lived streams (caption SSE, Direct Line WebSockets) open at once from one IP (200).</summary>
    [Range(1, 100_000)]
    public int StreamsPerIp { get; set; } = 200;
}
