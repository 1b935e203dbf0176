using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// The one multiplexed connection of this host to Redis, and whether it is up. Commands fail at once while Redis is
/// away (no backlog), so callers fall back to this host's SQLite files instead of waiting for timeouts.
/// </summary>
public sealed partial class RedisConnection : IDisposable
{
    private readonly ILogger<RedisConnection> _logger;
    private readonly TimeProvider _time;
    private long _downSinceTicks;

    public RedisConnection(IOptions<RedisOptions> options, TimeProvider time, ILogger<RedisConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _time = time;
        Prefix = options.Value.KeyPrefix;
        CaptionRetention = TimeSpan.FromDays(options.Value.CaptionRetentionDays);
        LineHold = TimeSpan.FromMilliseconds(options.Value.LineHoldMs);
        CaptionStreamMaxLines = options.Value.CaptionStreamMaxLines;
        HostId = $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant()}";
        var configuration = ConfigurationOptions.Parse(options.Value.Configuration ?? throw new InvalidOperationException("Redis:Configuration is empty."));
        configuration.AbortOnConnectFail = false; // the host starts (on its SQLite files) while Redis is away, and connects when it is back
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 3000);
        configuration.ClientName ??= "liveassist";
        Multiplexer = ConnectionMultiplexer.Connect(configuration);
        if (!Multiplexer.IsConnected)
        {
            MarkDown("not reachable at start");
        }

        Multiplexer.ConnectionFailed += (_, e) => MarkDown(e.FailureType + (e.Exception is { } ex ? ": " + ex.Message : string.Empty));
        Multiplexer.ConnectionRestored += (_, _) => MarkUp();
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>Names this process in what it writes, so it can tell its own lines from other hosts'.</summary>
    public string HostId { get; }

    public string Prefix { get; }

    /// <summary>How long a live's caption stream is kept after its last line.</summary>
    public TimeSpan CaptionRetention { get; }

    /// <summary>Longest a line's number holds back the live's later lines (<see cref="RedisOptions.LineHoldMs"/>).</summary>
    public TimeSpan LineHold { get; }

    /// <summary>Lines a live's caption stream keeps (<see cref="RedisOptions.CaptionStreamMaxLines"/>).</summary>
    public int CaptionStreamMaxLines { get; }

    public bool IsUp => Multiplexer.IsConnected;

    /// <summary>Why Redis was last lost, while it is away.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset? DownSince => Interlocked.Read(ref _downSinceTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Raised when the connection comes back: writes kept on this host go out, readers catch up.</summary>
    public event Action? Restored;

    public RedisKey Key(string name) => Prefix + name;

    public RedisChannel Channel(string name) => RedisChannel.Literal(Prefix + name);

    /// <summary>True for a failure that means "Redis is away or busy", as opposed to a bug in what was sent.</summary>
    public static bool IsOutage(Exception exception)
        => exception is RedisConnectionException or RedisTimeoutException or TimeoutException
            || (exception is RedisServerException server && (server.Message.StartsWith("LOADING", StringComparison.Ordinal) || server.Message.StartsWith("MISCONF", StringComparison.Ordinal)));

    /// <summary>Notes a failed command (the connection's own events can come later than the first failure).</summary>
    public void Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (IsOutage(exception))
        {
            MarkDown(exception.GetType().Name + ": " + exception.Message);
        }
    }

    private void MarkDown(string reason)
    {
        LastError = reason;
        if (Interlocked.CompareExchange(ref _downSinceTicks, _time.GetUtcNow().UtcTicks, 0) == 0)
        {
            LogDown(_logger, reason);
        }
    }

    private void MarkUp()
    {
        if (!Multiplexer.IsConnected)
        {
            return;
        }

        if (Interlocked.Exchange(ref _downSinceTicks, 0) != 0)
        {
            LastError = null;
            LogUp(_logger);
        }

        Restored?.Invoke();
    }

    public void Dispose() => Multiplexer.Dispose();

    [LoggerMessage(2001, LogLevel.Error, "REDIS IS DOWN ({Reason}): this host keeps captioning its own lives on its SQLite files and writes them to Redis when it is back; other hosts do not see its lines meanwhile")]
    private static partial void LogDown(ILogger logger, string reason);

    [LoggerMessage(2002, LogLevel.Warning, "Redis is back: writes kept on this host during the outage are going out now")]
    private static partial void LogUp(ILogger logger);
}
