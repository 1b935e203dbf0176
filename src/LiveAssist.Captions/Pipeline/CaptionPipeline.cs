using System.Collections.Concurrent;
using LiveAssist.Captions.Delivery;
using LiveAssist.Captions.ProductCards;
using LiveAssist.Review;
using LiveAssist.Sessions;
using LiveAssist.Translation;
using LiveAssist.Translation.Chain;
using Microsoft.Extensions.Logging;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// Where recognized speech (from the host page, typing, or the server-side recognizer) enters:
/// numbers each utterance, stores it, and hands it to the session's captioner, which translates,
/// lays out, stores and publishes captions in order.
/// </summary>
public sealed partial class CaptionPipeline(
    ICaptionStore store,
    CaptionTranslationChain translators,
    CaptionHub hub,
    ProductCardPublisher cards,
    LineReviewer reviewer,
    IEnumerable<IFinalCaptionObserver> observers,
    TimeProvider time,
    ILogger<CaptionPipeline> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<SessionCaptioner>> _captioners = new();
    private readonly IFinalCaptionObserver[] _observers = [.. observers];

    public async Task<long> AcceptAsync(LiveSession session, UtteranceInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(input);
        var captioner = For(session);
        return await captioner.AcceptAsync(input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Captions utterances that were stored but not captioned when the host last stopped.</summary>
    public async Task RecoverAsync(ISessionStore sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        foreach (var group in (await store.ReadUncaptionedAsync(cancellationToken).ConfigureAwait(false)).GroupBy(u => u.SessionId))
        {
            if (await sessions.GetAsync(group.Key, cancellationToken).ConfigureAwait(false) is not { } session)
            {
                continue;
            }

            LogRecovering(logger, group.Count(), session.Id);
            var captioner = For(session);
            foreach (var utterance in group)
            {
                await captioner.EnqueueRecoveredAsync(utterance, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until everything accepted so far for the session is captioned and published.</summary>
    public Task DrainAsync(string sessionId, CancellationToken cancellationToken)
        => _captioners.TryGetValue(sessionId, out var captioner) ? captioner.Value.DrainAsync(cancellationToken) : Task.CompletedTask;

    public IReadOnlyList<string> EngineNames => translators.EngineNames;

    /// <summary>Recognized lines of the session dropped as hallucinations since this host started.</summary>
    public long Hallucinations(string sessionId) => _captioners.TryGetValue(sessionId, out var captioner) && captioner.IsValueCreated ? captioner.Value.Hallucinations : 0;

    private SessionCaptioner For(LiveSession session)
        => _captioners.GetOrAdd(session.Id, _ => new Lazy<SessionCaptioner>(() => new SessionCaptioner(session, store, translators, hub, cards, reviewer, _observers, time, logger))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var captioner in _captioners.Values.Where(c => c.IsValueCreated))
        {
            await captioner.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Captioning {Count} utterances of session {Session} that arrived before the last stop")]
    private static partial void LogRecovering(ILogger logger, int count, string session);
}

/// <summary>What the host console (or a recognizer) sends: <c>{text, final, startMs?, endMs?}</c>.</summary>
/// <param name="VoicedMs">For a recognizer in the browser (which reports no audio times): how long the console's level
/// meter heard sound since the last final line; text with next to none was "heard" in silence.</param>
public sealed record UtteranceInput(string? Text, bool Final, long? StartMs, long? EndMs, string? Engine = null, long? VoicedMs = null);
