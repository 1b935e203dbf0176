using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Redis;

/// <summary>Bound from <c>Redis</c>. With <see cref="Configuration"/> set, several hosts behind a load balancer serve the same lives.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis connection string (<c>127.0.0.1:6379,password=…</c>); empty: one machine, SQLite only.</summary>
    public string? Configuration { get; set; }

    /// <summary>Put before every key and channel, so several deployments can share one Redis (<c>liveassist:</c>).</summary>
    [RegularExpression("^[A-Za-z0-9:_.-]{0,64}$")]
    public string KeyPrefix { get; set; } = "liveassist:";

    /// <summary>How often a host looks for caption lines it was not told about (a notification lost while Redis was away), in ms (1,000).</summary>
    [Range(100, 60_000)]
    public int RelaySweepMs { get; set; } = 1000;

    /// <summary>Days a live's caption stream stays in Redis after its last line (30); exports after that come from the captioning host's SQLite file.</summary>
    [Range(1, 3650)]
    public int CaptionRetentionDays { get; set; } = 30;

    /// <summary>Hours a result made once for all hosts (a presenter line and its audio) stays in Redis (24).</summary>
    [Range(1, 24 * 365)]
    public int MadeOnceRetentionHours { get; set; } = 24;

    /// <summary>Largest such result shared through Redis, in bytes (4 MB: a minute of 16 kHz speech); a larger one stays on the host that made it.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MadeOnceMaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Longest a line's number holds back the live's later lines, in ms (20,000): a line numbered on one host is stored in
    /// the shared stream before a later line of the same live numbered on another host, unless it takes longer than this
    /// from its first words to its captions (its host died, or an engine hung); then the later lines go on without it.
    /// </summary>
    [Range(1000, 300_000)]
    public int LineHoldMs { get; set; } = 20_000;

    /// <summary>Lines a live's caption stream keeps in Redis (50,000: a day of a line every two seconds); older lines stay in the captioning host's SQLite file.</summary>
    [Range(100, 10_000_000)]
    public int CaptionStreamMaxLines { get; set; } = 50_000;

    /// <summary>How often writes kept on this host during an outage are retried, in ms (500).</summary>
    [Range(50, 60_000)]
    public int OutboxRetryMs { get; set; } = 500;
}
