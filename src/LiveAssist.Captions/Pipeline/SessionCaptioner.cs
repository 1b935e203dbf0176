using System.Threading.Channels;
using LiveAssist.Captions.Delivery;
using LiveAssist.Captions.ProductCards;
using LiveAssist.Review;
using LiveAssist.Sessions;
using LiveAssist.Speech.Recognition;
using LiveAssist.Translation.Chain;
using Microsoft.Extensions.Logging;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// One live's captioning, strictly in order. Here a line is numbered, checked against recognizer hallucinations and
/// stored; then it passes two stages joined by bounded channels: <see cref="LineTranslationStage"/> (review, translation)
/// and <see cref="CaptionPublishStage"/> (layout, storage, publishing). While line n is stored and published, line n+1 is
/// translated. A full channel holds the console's next final line back (it is stored already, nothing is lost); a
/// partial that finds it full, or that a newer partial or the final has overtaken, is skipped, so a slow engine never
/// builds a backlog.
/// </summary>
internal sealed partial class SessionCaptioner : IAsyncDisposable
{
    private const int PublishQueueCapacity = 4;

    private readonly CaptionedSession _live;
    private readonly ICaptionStore _store;
    private readonly LineTranslationStage _translate;
    private readonly CaptionPublishStage _publish;
    private readonly CaptionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<Work> _toTranslate;
    private readonly Channel<TranslatedLine> _toPublish = Channel.CreateBounded<TranslatedLine>(
        new BoundedChannelOptions(PublishQueueCapacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _translating;
    private readonly Task _publishing;
    private readonly List<string> _recentRecognized = [];
    private long _lastSeq = -1;
    private long? _openSeq;
    private long _openStartMs;
    private long _partialVersion;
    private long _hallucinations;
    private long _inFlight;
    private long _lastUsedTicks;
    private bool _retired;

    public SessionCaptioner(LiveSession session, ICaptionStore store, CaptionTranslationChain translators, CaptionHub hub, ProductCardPublisher cards, LineReviewer reviewer,
        IReadOnlyList<IFinalCaptionObserver> observers, int queueCapacity, TimeProvider time, ILogger logger)
    {
        _live = new CaptionedSession(session);
        _store = store;
        _metrics = hub.Metrics;
        _time = time;
        _logger = logger;
        _translate = new LineTranslationStage(_live, translators, cards, reviewer);
        _publish = new CaptionPublishStage(_live, store, hub, cards, reviewer, observers, time);
        _toTranslate = Channel.CreateBounded<Work>(new BoundedChannelOptions(queueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _lastUsedTicks = time.GetTimestamp();
        _translating = Task.Run(TranslateLinesAsync);
        _publishing = Task.Run(PublishLinesAsync);
    }

    /// <summary>The line's number (-1: dropped as a hallucination), or null when this captioner was retired meanwhile.</summary>
    public async Task<long?> AcceptAsync(UtteranceInput input, CancellationToken cancellationToken)
    {
        var text = CaptionText.Clean(input.Text!).Trim();
        // What the line is about is fixed when it is said: a product switched a moment later must not change its review or its currency.
        var context = input.Final ? await _translate.LineContextAsync(cancellationToken).ConfigureAwait(false) : null;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_retired)
            {
                return null;
            }

            _lastUsedTicks = _time.GetTimestamp();
            var nowMs = (long)(_time.GetUtcNow() - _live.Session.CreatedAt).TotalMilliseconds;
            if (_openSeq is null)
            {
                // A new line: one more than the newest number used anywhere, so a live whose console moved between hosts
                // (scale-out), or that two hosts caption at once, goes on from the last line said anywhere.
                _lastSeq = await _store.NextSeqAsync(_live.Id, _lastSeq, cancellationToken).ConfigureAwait(false);
                _openSeq = _lastSeq;
                _openStartMs = input.StartMs ?? Math.Max(0, nowMs - EstimatedSpeechMs(text));
            }

            var seq = _openSeq.Value;
            var recognizer = RecognizerName(input.Engine);
            if (!input.Final)
            {
                var version = Interlocked.Increment(ref _partialVersion);
                var partial = new Utterance(_live.Id, seq, text, _openStartMs, input.EndMs ?? nowMs, _time.GetUtcNow(), recognizer);
                if (_toTranslate.Writer.TryWrite(new Work(partial, false, version)))
                {
                    Queued();
                }

                return seq;
            }

            // Server-side recognizers say how much audio a line came from; the console's level meter says it for the browser's.
            var audioMs = input is { StartMs: { } heardFrom, EndMs: { } heardTo } ? heardTo - heardFrom : input.VoicedMs is >= 0 and var voiced ? voiced : (long?)null;
            if (HallucinationGuard.IsHallucination(text, recognizer, _recentRecognized, audioMs, out var reason))
            {
                _openSeq = null;
                _lastSeq--; // the number goes to the next real line
                await _store.ReleaseSeqAsync(_live.Id, seq, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _hallucinations);
                LogHallucination(_logger, _live.Id, recognizer, reason);
                return -1;
            }

            if (recognizer != "typed")
            {
                _recentRecognized.Add(HallucinationGuard.Compact(text));
                if (_recentRecognized.Count > 4)
                {
                    _recentRecognized.RemoveAt(0);
                }
            }

            var start = input.StartMs ?? _openStartMs;
            var end = Math.Max(start, input.EndMs ?? nowMs);
            var utterance = new Utterance(_live.Id, seq, text, start, end, _time.GetUtcNow(), recognizer);
            await _store.AddUtteranceAsync(utterance, cancellationToken).ConfigureAwait(false); // stored before anything can fail
            _openSeq = null; // only once stored: a refused line (disk full) leaves its number to the next one
            await EnqueueFinalAsync(new Work(utterance, true, 0, context)).ConfigureAwait(false);
            return seq;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Recognized lines dropped as recognizer hallucinations (known credits, loops).</summary>
    public long Hallucinations => Interlocked.Read(ref _hallucinations);

    /// <summary>False when this captioner was retired meanwhile (the caller asks the live's new one).</summary>
    public async Task<bool> EnqueueRecoveredAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_retired)
            {
                return false;
            }

            _lastUsedTicks = _time.GetTimestamp();
            _lastSeq = Math.Max(_lastSeq < 0 ? await _store.LastSeqAsync(_live.Id, cancellationToken).ConfigureAwait(false) : _lastSeq, utterance.Seq);
            await EnqueueFinalAsync(new Work(utterance, true, 0)).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Retires the captioner when the live has said nothing for <paramref name="idleFor"/> and no line is on its way;
    /// false (and nothing changes) otherwise. A retired captioner takes no more lines.
    /// </summary>
    public bool TryRetire(TimeSpan idleFor)
    {
        if (!_gate.Wait(0))
        {
            return false; // a line is being taken right now
        }

        try
        {
            if (Interlocked.Read(ref _inFlight) > 0 || _time.GetElapsedTime(_lastUsedTicks) < idleFor)
            {
                return false;
            }

            _retired = true;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Finals wait for room (back-pressure on the console); the wait ends only when the host stops, never with the request,
    // because the line is stored already and must reach the overlays.
    private async Task EnqueueFinalAsync(Work work)
    {
        await _toTranslate.Writer.WriteAsync(work, _stopping.Token).ConfigureAwait(false);
        Queued();
    }

    private void Queued()
    {
        Interlocked.Increment(ref _inFlight);
        _metrics.Queued(CaptionMetrics.TranslateStage, 1);
    }

    private void Finished() => Interlocked.Decrement(ref _inFlight);

    private async Task TranslateLinesAsync()
    {
        try
        {
            await foreach (var work in _toTranslate.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                _metrics.Queued(CaptionMetrics.TranslateStage, -1);
                TranslatedLine? line = null;
                try
                {
                    if (work.Final)
                    {
                        line = await _translate.FinalAsync(work.Utterance, work.Context, _stopping.Token).ConfigureAwait(false);
                    }
                    else if (work.Version == Interlocked.Read(ref _partialVersion) && _openSeq == work.Utterance.Seq)
                    {
                        line = await _translate.PartialAsync(work.Utterance, _stopping.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
                {
                    LogFailed(_logger, work.Utterance.Seq, _live.Id, e); // stays stored and uncaptioned; the next start-up captions it
                    if (work.Final)
                    {
                        await ReleaseAsync(work.Utterance.Seq).ConfigureAwait(false);
                    }
                }

                if (line is null)
                {
                    Finished();
                    continue;
                }

                await _toPublish.Writer.WriteAsync(line, _stopping.Token).ConfigureAwait(false);
                _metrics.Queued(CaptionMetrics.PublishStage, 1);
            }
        }
        finally
        {
            _toPublish.Writer.TryComplete();
        }
    }

    private async Task PublishLinesAsync()
    {
        await foreach (var line in _toPublish.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
        {
            _metrics.Queued(CaptionMetrics.PublishStage, -1);
            try
            {
                if (!line.Final)
                {
                    if (_openSeq == line.Utterance.Seq)
                    {
                        _publish.Partial(line); // not when its final overtook it while it was translated
                    }
                }
                else
                {
                    await _publish.FinalAsync(line, _stopping.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                LogFailed(_logger, line.Utterance.Seq, _live.Id, e);
                if (line.Final)
                {
                    await ReleaseAsync(line.Utterance.Seq).ConfigureAwait(false);
                }
            }
            finally
            {
                Finished();
            }
        }
    }

    // A failed line's number must not hold the lines after it (another host's included) until it times out.
    private async Task ReleaseAsync(long seq)
    {
        try
        {
            await _store.ReleaseSeqAsync(_live.Id, seq, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(_logger, seq, _live.Id, e);
        }
    }

    // A label from the client, shown on pages: short, plain.
    private static string RecognizerName(string? engine)
    {
        var name = new string((engine ?? "typed").Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(32).ToArray()).ToLowerInvariant();
        return name.Length > 0 ? name : "typed";
    }

    // About four Chinese characters, or fifteen Latin characters, a second.
    private static long EstimatedSpeechMs(string text) => text.Any(c => c >= '\u3400') ? text.Length * 250L : text.Length * 66L;

    public async ValueTask DisposeAsync()
    {
        _toTranslate.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var worker in new[] { _translating, _publishing })
        {
            try
            {
                await worker.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stopping.Dispose();
        _gate.Dispose();
    }

    private sealed record Work(Utterance Utterance, bool Final, long Version, LineContext? Context = null);

    [LoggerMessage(2, LogLevel.Warning, "Session {Session}: a line from {Recognizer} was dropped as a recognizer hallucination ({Reason})")]
    private static partial void LogHallucination(ILogger logger, string session, string recognizer, string reason);

    [LoggerMessage(1, LogLevel.Error, "Utterance {Seq} of session {Session} could not be captioned now; it stays stored and is captioned at the next start")]
    private static partial void LogFailed(ILogger logger, long seq, string session, Exception exception);
}
