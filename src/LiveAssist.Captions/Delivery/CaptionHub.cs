using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace LiveAssist.Captions.Delivery;

/// <summary>
/// In-process fan-out of caption events to the overlays listening on a session and language. Each
/// event is serialized once and the same bytes go to every listener. A listener that falls more
/// than <see cref="CaptionsOptions.ListenerBuffer"/> events behind is cut off; it reconnects and
/// resumes from storage with Last-Event-ID, so nothing is lost and nobody slows the others.
/// Keep-alives come from one timer for all listeners, not a timer per stream per wake-up: at a thousand
/// overlays, arming and disarming a thousand timers for every line was a good part of the server's delay.
/// </summary>
public sealed class CaptionHub : IDisposable
{
    /// <summary>How often every stream gets a comment line, so proxies and browsers keep an idle stream open.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    private static readonly SseEvent KeepAlive = new("keep-alive", 0, false, ": keep-alive\n\n"u8.ToArray());

    private readonly ConcurrentDictionary<(string Session, string Lang), ListenerSet> _listeners = new();
    private readonly ConcurrentDictionary<CaptionListener, byte> _all = new();
    private readonly IOptions<CaptionsOptions> _options;
    private readonly CaptionMetrics _metrics;
    private readonly ITimer _keepAlive;
    private readonly ICaptionBackplane? _backplane;

    public CaptionHub(IOptions<CaptionsOptions> options, CaptionMetrics metrics, TimeProvider time, ICaptionBackplane? backplane = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _metrics = metrics;
        _backplane = backplane;
        _keepAlive = time.CreateTimer(_ => SendKeepAlive(), null, KeepAliveInterval, KeepAliveInterval);
    }

    public CaptionListener Subscribe(string sessionId, string lang) => Subscribe(sessionId, [lang]);

    /// <summary>
    /// One queue for several channels (the console's languages on one connection): a browser opens at most six
    /// connections per server, so one stream per language would starve the page's other requests. The queue is
    /// bounded as for one language, times the number of channels.
    /// </summary>
    public CaptionListener Subscribe(string sessionId, IReadOnlyCollection<string> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var sets = channels.Select(c => c.ToLowerInvariant()).Distinct().Select(c => _listeners.GetOrAdd((sessionId, c), _ => new ListenerSet())).ToArray();
        var listener = new CaptionListener(_options.Value.ListenerBuffer * Math.Max(1, sets.Length), sets, l => _all.TryRemove(l, out _));
        _all[listener] = 0;
        foreach (var set in sets)
        {
            set.Add(listener);
        }

        return listener;
    }

    /// <summary>Readers of a session's captions; a stream of several languages counts once.</summary>
    public int ListenerCount(string sessionId) => _listeners.Where(p => p.Key.Session == sessionId).SelectMany(p => p.Value.Listeners).Distinct().Count();

    /// <summary>The channel the host console listens on for a language: captions with the drafts and notes buyers do not get.</summary>
    public static string HostChannel(string lang) => (lang ?? throw new ArgumentNullException(nameof(lang))) + "!host";

    /// <summary>What the streams record their delays in.</summary>
    public CaptionMetrics Metrics => _metrics;

    public void Dispose() => _keepAlive.Dispose();

    private void SendKeepAlive()
    {
        foreach (var listener in _all.Keys)
        {
            listener.Offer(KeepAlive);
        }
    }

    /// <summary>Sessions with at least one reader on this host (what another host's lines are relayed for).</summary>
    public IReadOnlyCollection<string> SessionsWithListeners() => [.. _listeners.Where(p => p.Value.Count > 0).Select(p => p.Key.Session).Distinct()];

    /// <summary>Publishes to this host's readers and, for events that are not stored (partials, product cards), to the other hosts'.</summary>
    public void Publish(string sessionId, string lang, SseEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        PublishLocal(sessionId, lang, message);
        if (_backplane is not null && !(message.IsFinal && message.Name == "caption"))
        {
            _backplane.Forward(sessionId, lang, message);
        }
    }

    /// <summary>Publishes to this host's readers only: what another host said, relayed here.</summary>
    public void PublishLocal(string sessionId, string lang, SseEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(lang);
        if (message.IsFinal && message.Name == "caption" && !lang.EndsWith("!host", StringComparison.Ordinal))
        {
            _metrics.Published(lang);
        }

        if (_listeners.TryGetValue((sessionId, lang.ToLowerInvariant()), out var set))
        {
            set.Publish(message);
        }
    }

    internal sealed class ListenerSet
    {
        private readonly Lock _gate = new();
        private CaptionListener[] _listeners = [];

        public int Count => _listeners.Length;

        public IReadOnlyList<CaptionListener> Listeners => _listeners;

        public void Add(CaptionListener listener)
        {
            lock (_gate)
            {
                _listeners = [.. _listeners, listener];
            }
        }

        public void Remove(CaptionListener listener)
        {
            lock (_gate)
            {
                _listeners = [.. _listeners.Where(l => l != listener)];
            }
        }

        public void Publish(SseEvent message)
        {
            foreach (var listener in _listeners)
            {
                listener.Offer(message);
            }
        }
    }
}

/// <summary>One overlay's queue of events; dispose to stop listening.</summary>
public sealed class CaptionListener : IDisposable
{
    private readonly Channel<SseEvent> _channel;
    private readonly CaptionHub.ListenerSet[] _sets;
    private readonly Action<CaptionListener> _closed;

    internal CaptionListener(int capacity, CaptionHub.ListenerSet[] sets, Action<CaptionListener> closed)
    {
        _sets = sets;
        _closed = closed;
        _channel = Channel.CreateBounded<SseEvent>(new BoundedChannelOptions(Math.Max(16, capacity)) { SingleReader = true, SingleWriter = false });
    }

    public ChannelReader<SseEvent> Events => _channel.Reader;

    /// <summary>True when this listener was cut off for falling behind.</summary>
    public bool Overflowed { get; private set; }

    internal void Offer(SseEvent message)
    {
        if (!_channel.Writer.TryWrite(message) && !Overflowed)
        {
            Overflowed = true;
            _channel.Writer.TryComplete();
        }
    }

    public void Dispose()
    {
        foreach (var set in _sets)
        {
            set.Remove(this);
        }

        _closed(this);
        _channel.Writer.TryComplete();
    }
}
