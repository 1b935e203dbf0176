using System.Collections.Concurrent;
using LiveAssist.Captions.Delivery;
using LiveAssist.Captions.ProductCards;
using LiveAssist.Review;
using LiveAssist.Sessions;
using LiveAssist.Translation.Chain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// Where recognized speech (from the host page, typing, or the server-side recognizer) enters: each live gets its own
/// <see cref="SessionCaptioner"/>, which numbers, stores, translates, lays out and publishes its lines in order. A live
/// silent for <c>Captions:IdleSessionMinutes</c> lets its captioner go, so a host that runs for weeks holds only the
/// lives that are speaking.
/// </summary>
public sealed partial class CaptionPipeline : IAsyncDisposable
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ICaptionStore _store;
    private readonly CaptionTranslationChain _translators;
    private readonly CaptionHub _hub;
    private readonly ProductCardPublisher _cards;
    private readonly LineReviewer _reviewer;
    private readonly IFinalCaptionObserver[] _observers;
    private readonly CaptionsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CaptionPipeline> _logger;
    private readonly ConcurrentDictionary<string, Lazy<SessionCaptioner>> _captioners = new();
    private readonly ConcurrentDictionary<string, long> _retiredHallucinations = new();
    private readonly ITimer _sweep;
    private int _sweeping;

    public CaptionPipeline(ICaptionStore store, CaptionTranslationChain translators, CaptionHub hub, ProductCardPublisher cards, LineReviewer reviewer,
        IEnumerable<IFinalCaptionObserver> observers, IOptions<CaptionsOptions> options, TimeProvider time, ILogger<CaptionPipeline> logger)
    {
        _store = store;
        _translators = translators;
        _hub = hub;
        _cards = cards;
        _reviewer = reviewer;
        _observers = [.. observers];
        _options = options.Value;
        _time = time;
        _logger = logger;
        _sweep = time.CreateTimer(_ => _ = RetireIdleAsync(), null, SweepEvery, SweepEvery);
    }

    /// <summary>Lives with a captioner on this host now.</summary>
    public int ActiveSessions => _captioners.Count;

    public async Task<long> AcceptAsync(LiveSession session, UtteranceInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(input);
        while (true)
        {
            if (await For(session).AcceptAsync(input, cancellationToken).ConfigureAwait(false) is { } seq)
            {
                return seq;
            }

            await Task.Yield(); // retired a moment ago: the next call makes the live a new captioner
        }
    }

    /// <summary>Captions utterances that were stored but not captioned when the host last stopped.</summary>
    public async Task RecoverAsync(ISessionStore sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        foreach (var group in (await _store.ReadUncaptionedAsync(cancellationToken).ConfigureAwait(false)).GroupBy(u => u.SessionId))
        {
            if (await sessions.GetAsync(group.Key, cancellationToken).ConfigureAwait(false) is not { } session)
            {
                continue;
            }

            LogRecovering(_logger, group.Count(), session.Id);
            foreach (var utterance in group)
            {
                while (!await For(session).EnqueueRecoveredAsync(utterance, cancellationToken).ConfigureAwait(false))
                {
                    await Task.Yield();
                }
            }
        }
    }

    public IReadOnlyList<string> EngineNames => _translators.EngineNames;

    /// <summary>Recognized lines of the session dropped as hallucinations since this host started.</summary>
    public long Hallucinations(string sessionId)
        => _retiredHallucinations.GetValueOrDefault(sessionId)
            + (_captioners.TryGetValue(sessionId, out var captioner) && captioner.IsValueCreated ? captioner.Value.Hallucinations : 0);

    /// <summary>Lets go of the captioners of lives silent for <c>Captions:IdleSessionMinutes</c>.</summary>
    internal async Task RetireIdleAsync()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var idleFor = TimeSpan.FromMinutes(_options.IdleSessionMinutes);
            foreach (var (sessionId, captioner) in _captioners)
            {
                if (!captioner.IsValueCreated || !captioner.Value.TryRetire(idleFor))
                {
                    continue;
                }

                _captioners.TryRemove(new KeyValuePair<string, Lazy<SessionCaptioner>>(sessionId, captioner));
                if (captioner.Value.Hallucinations > 0)
                {
                    _retiredHallucinations.AddOrUpdate(sessionId, captioner.Value.Hallucinations, (_, before) => before + captioner.Value.Hallucinations);
                }

                await captioner.Value.DisposeAsync().ConfigureAwait(false);
                LogRetired(_logger, sessionId, _options.IdleSessionMinutes);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSweepFailed(_logger, e);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private SessionCaptioner For(LiveSession session)
        => _captioners.GetOrAdd(session.Id, _ => new Lazy<SessionCaptioner>(() =>
            new SessionCaptioner(session, _store, _translators, _hub, _cards, _reviewer, _observers, _options.LineQueueCapacity, _time, _logger))).Value;

    public async ValueTask DisposeAsync()
    {
        await _sweep.DisposeAsync().ConfigureAwait(false);
        foreach (var captioner in _captioners.Values.Where(c => c.IsValueCreated))
        {
            await captioner.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Captioning {Count} utterances of session {Session} that arrived before the last stop")]
    private static partial void LogRecovering(ILogger logger, int count, string session);

    [LoggerMessage(2, LogLevel.Information, "Session {Session} said nothing for {Minutes} min: its captioner is let go until its next line")]
    private static partial void LogRetired(ILogger logger, string session, int minutes);

    [LoggerMessage(3, LogLevel.Error, "Letting idle captioners go failed; tried again in a minute")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}

/// <summary>What the host console (or a recognizer) sends: <c>{text, final, startMs?, endMs?}</c>.</summary>
/// <param name="VoicedMs">For a recognizer in the browser (which reports no audio times): how long the console's level
/// meter heard sound since the last final line; text with next to none was "heard" in silence.</param>
public sealed record UtteranceInput(string? Text, bool Final, long? StartMs, long? EndMs, string? Engine = null, long? VoicedMs = null);
