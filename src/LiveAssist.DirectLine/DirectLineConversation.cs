using System.Threading.Channels;
using LiveAssist.BotFramework.Schema;

namespace LiveAssist.DirectLine;

/// <summary>
/// One conversation's activity log. Position n (1-based) is the n-th activity ever appended; the
/// log keeps the newest ones, and every open stream is handed each new activity as it lands.
/// </summary>
/// <remarks>
/// With a shared log (<see cref="IDirectLineLog"/>, several hosts), positions come from the shared log and this object is
/// this host's copy of it: the async members bring the copy up to date before they answer, and another host's activity
/// reaches this host's streams through <see cref="SyncAsync"/>.
/// </remarks>
public sealed class DirectLineConversation(string id, int capacity, TimeProvider time, long maxBytes = long.MaxValue, Action<long>? bytesChanged = null,
    IDirectLineLog? shared = null)
{
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private readonly object _gate = new();
    private readonly List<Activity> _activities = [];
    private readonly List<int> _sizes = [];
    private long _bytes;
    private readonly List<Channel<Activity>> _listeners = [];
    private long _dropped;

    public string Id { get; } = id;

    /// <summary>True once a client started (or restarted) this conversation.</summary>
    public bool Started { get; set; }

    /// <summary>Users the bot has been told about with a conversationUpdate.</summary>
    public HashSet<string> AnnouncedUsers { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset LastActivityAt { get; private set; } = time.GetUtcNow();

    /// <summary>Serialized size of the activities kept, bounded by the byte budget.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Position of the newest activity (0 when empty).</summary>
    public long Position
    {
        get
        {
            lock (_gate)
            {
                return _dropped + _activities.Count;
            }
        }
    }

    /// <summary>Gives the activity its id, timestamp and position, stores it, and wakes every stream.</summary>
    public Activity Append(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            var position = _dropped + _activities.Count + 1;
            activity.Id = $"{Id}|{position:D7}";
            activity.Timestamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
            Add(activity);
        }

        return activity;
    }

    /// <summary>
    /// Appends through the shared log when there is one (its position, on every host), else as <see cref="Append"/>. When the
    /// shared log cannot be reached the activity is kept in this host's copy only.
    /// </summary>
    public async Task<Activity> AppendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (shared is null)
        {
            return Append(activity);
        }

        activity.Id = $"{Id}|{IDirectLineLog.PositionPlaceholder}";
        activity.Timestamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
        if (await shared.AppendAsync(Id, activity, cancellationToken).ConfigureAwait(false) is not { } position)
        {
            // Kept here at this copy's next position, and written to the shared log there once it answers again.
            var kept = Append(activity);
            await shared.KeepForLaterAsync(Id, PositionOf(kept), kept, cancellationToken).ConfigureAwait(false);
            return kept;
        }

        activity.Id = $"{Id}|{position:D7}";
        await SyncAsync(cancellationToken).ConfigureAwait(false); // brings in what other hosts appended before it, then it
        lock (_gate)
        {
            if (_dropped + _activities.Count < position)
            {
                Deliver(position, activity); // the shared log could not be read back: keep it here at its position
            }
        }

        return activity;
    }

    private long PositionOf(Activity activity) => long.Parse(activity.Id![(Id.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Brings this host's copy up to the shared log (activities appended on other hosts), waking this host's streams.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        if (shared is null)
        {
            return;
        }

        await _syncGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await shared.ReadAfterAsync(Id, Position, cancellationToken).ConfigureAwait(false) is { } newer)
            {
                lock (_gate)
                {
                    foreach (var (position, activity) in newer)
                    {
                        Deliver(position, activity);
                    }
                }
            }
        }
        finally
        {
            _syncGate.Release();
        }
    }

    /// <summary>True the first time the conversation is started, on any host.</summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        var first = shared is null ? null : await shared.StartAsync(Id, cancellationToken).ConfigureAwait(false);
        var created = first ?? !Started;
        Started = true;
        return created;
    }

    /// <summary>True the first time this user is announced to the bot, on any host.</summary>
    public async Task<bool> AnnounceAsync(string userId, CancellationToken cancellationToken)
    {
        bool firstHere;
        lock (AnnouncedUsers)
        {
            firstHere = AnnouncedUsers.Add(userId);
        }

        if (shared is null)
        {
            return firstHere;
        }

        return await shared.AnnounceAsync(Id, userId, cancellationToken).ConfigureAwait(false) ?? firstHere;
    }

    public async Task<(IReadOnlyList<Activity> Activities, long Position)> ReadAfterAsync(long after, bool includeTyping, CancellationToken cancellationToken)
    {
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        return ReadAfter(after, includeTyping);
    }

    public async Task<long> PositionAsync(CancellationToken cancellationToken)
    {
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        return Position;
    }

    public async Task<(IReadOnlyList<Activity> Backlog, long Position, ChannelReader<Activity> Live, IDisposable Subscription)> SubscribeAsync(long after, CancellationToken cancellationToken)
    {
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        return Subscribe(after);
    }

    // Under _gate: an activity at a position the shared log gave. Older than what this copy has: already here. Past a gap
    // (the log dropped the ones between, or this copy is new): the copy starts over at it.
    private void Deliver(long position, Activity activity)
    {
        var end = _dropped + _activities.Count;
        if (position <= end)
        {
            return;
        }

        if (position > end + 1)
        {
            bytesChanged?.Invoke(-_bytes);
            _bytes = 0;
            _activities.Clear();
            _sizes.Clear();
            _dropped = position - 1;
        }

        Add(activity);
    }

    // Under _gate.
    private void Add(Activity activity)
    {
        var size = ActivitySerializer.SerializeToUtf8Bytes(activity).Length;
        _activities.Add(activity);
        _sizes.Add(size);
        var delta = (long)size;
        // Oldest first, by count and by bytes; the newest activity always stays, so a reader sees what was just said.
        while (_activities.Count > 1 && (_activities.Count > capacity || _bytes + delta > maxBytes))
        {
            delta -= _sizes[0];
            _activities.RemoveAt(0);
            _sizes.RemoveAt(0);
            _dropped++;
        }

        _bytes += delta;
        bytesChanged?.Invoke(delta);

        LastActivityAt = time.GetUtcNow();
        foreach (var listener in _listeners)
        {
            // Unbounded per stream: a stalled socket is closed by its own send timeout, not by dropping here.
            listener.Writer.TryWrite(activity);
        }
    }

    /// <summary>Activities after <paramref name="after"/>, and the position they bring the reader to.</summary>
    public (IReadOnlyList<Activity> Activities, long Position) ReadAfter(long after, bool includeTyping = true)
    {
        lock (_gate)
        {
            var end = _dropped + _activities.Count;
            if (after > end)
            {
                after = 0; // a watermark from the future means the log was rebuilt: replay what we have
            }

            var start = (int)Math.Max(0, after - _dropped);
            var result = new List<Activity>(Math.Max(0, _activities.Count - start));
            for (var i = start; i < _activities.Count; i++)
            {
                if (includeTyping || _activities[i].Type != ActivityTypes.Typing)
                {
                    result.Add(_activities[i]);
                }
            }

            return (result, end);
        }
    }

    /// <summary>Opens a stream: the backlog after <paramref name="after"/>, then each new activity, with no gap between.</summary>
    public (IReadOnlyList<Activity> Backlog, long Position, ChannelReader<Activity> Live, IDisposable Subscription) Subscribe(long after)
    {
        var channel = Channel.CreateUnbounded<Activity>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            var (backlog, position) = ReadAfter(after);
            _listeners.Add(channel);
            return (backlog, position, channel.Reader, new Unsubscriber(this, channel));
        }
    }

    public int ListenerCount
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Count;
            }
        }
    }

    private void Remove(Channel<Activity> channel)
    {
        lock (_gate)
        {
            _listeners.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    private sealed class Unsubscriber(DirectLineConversation owner, Channel<Activity> channel) : IDisposable
    {
        public void Dispose() => owner.Remove(channel);
    }
}
