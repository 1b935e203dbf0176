using System.Threading.Channels;
using LiveAssist.Captions.Delivery;
using LiveAssist.Captions.Layout;
using LiveAssist.Captions.ProductCards;
using LiveAssist.Catalog.Client;
using LiveAssist.Review;
using LiveAssist.Sessions;
using LiveAssist.Translation;
using LiveAssist.Translation.Chain;
using Microsoft.Extensions.Logging;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// One live session's captioning, strictly in order: a single worker translates each utterance
/// into all languages, lays out cues, stores finals and only then publishes them. Partials that a
/// newer partial or the final has overtaken are skipped, so a slow engine never builds a backlog.
/// </summary>
internal sealed partial class SessionCaptioner : IAsyncDisposable
{
    private readonly LiveSession _session;
    private readonly ICaptionStore _store;
    private readonly CaptionTranslationChain _translators;
    private readonly CaptionHub _hub;
    private readonly ProductCardPublisher _cards;
    private readonly LineReviewer _reviewer;
    private readonly IReadOnlyList<IFinalCaptionObserver> _observers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SessionTerms _terms;
    private readonly IReadOnlyList<string> _languages;
    private readonly string _sourceLanguage;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, long> _lastCueEnd = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _worker;
    private long _lastSeq = -1;
    private long? _openSeq;
    private long _openStartMs;
    private long _partialVersion;
    private readonly List<string> _recentRecognized = [];
    private long _hallucinations;
    private long _enqueued;
    private long _done;

    public SessionCaptioner(LiveSession session, ICaptionStore store, CaptionTranslationChain translators, CaptionHub hub, ProductCardPublisher cards, LineReviewer reviewer, IReadOnlyList<IFinalCaptionObserver> observers, TimeProvider time, ILogger logger)
    {
        _reviewer = reviewer;
        _session = session;
        _store = store;
        _translators = translators;
        _hub = hub;
        _cards = cards;
        _observers = observers;
        _time = time;
        _logger = logger;
        _terms = new SessionTerms(
            [.. session.Glossary.Select(g => new SessionTerm(g.Source, g.Translations) { Unvetted = new HashSet<string>(g.Filled ?? [], StringComparer.OrdinalIgnoreCase) })],
            [.. session.Script.Select(s => new SessionTerm(s.Source, s.Translations) { Unvetted = new HashSet<string>(s.Filled ?? [], StringComparer.OrdinalIgnoreCase) })]);
        _sourceLanguage = session.SourcePrimaryLanguage();
        _languages = session.CaptionLanguages();
        _worker = Task.Run(RunAsync);
    }

    public async Task<long> AcceptAsync(UtteranceInput input, CancellationToken cancellationToken)
    {
        var text = CaptionText.Clean(input.Text!).Trim();
        // What the line is about is fixed when it is said: a product switched a moment later must not change its review or its currency.
        var context = input.Final ? await LineContextAsync(cancellationToken).ConfigureAwait(false) : null;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lastSeq < 0)
            {
                _lastSeq = await _store.LastSeqAsync(_session.Id, cancellationToken).ConfigureAwait(false);
                foreach (var (lang, cueEnd) in await _store.LastCueEndsAsync(_session.Id, cancellationToken).ConfigureAwait(false))
                {
                    _lastCueEnd[lang] = cueEnd;
                }
            }

            var nowMs = (long)(_time.GetUtcNow() - _session.CreatedAt).TotalMilliseconds;
            if (_openSeq is null)
            {
                // A new line: the newest number as stored, so a live whose console moved between hosts (scale-out) goes on
                // from the last line said anywhere, not from what this host last knew.
                _lastSeq = Math.Max(_lastSeq, await _store.LastSeqAsync(_session.Id, cancellationToken).ConfigureAwait(false));
                _openSeq = ++_lastSeq;
                _openStartMs = input.StartMs ?? Math.Max(0, nowMs - EstimatedSpeechMs(text));
            }

            var seq = _openSeq.Value;
            if (!input.Final)
            {
                var version = Interlocked.Increment(ref _partialVersion);
                Enqueue(new Work(new Utterance(_session.Id, seq, text, _openStartMs, input.EndMs ?? nowMs, _time.GetUtcNow(), RecognizerName(input.Engine)), false, version));
                return seq;
            }

            var recognizer = RecognizerName(input.Engine);
            // Server-side recognizers say how much audio a line came from; the console's level meter says it for the browser's.
            var audioMs = input is { StartMs: { } heardFrom, EndMs: { } heardTo } ? heardTo - heardFrom : input.VoicedMs is >= 0 and var voiced ? voiced : (long?)null;
            if (LiveAssist.Speech.Recognition.HallucinationGuard.IsHallucination(text, recognizer, _recentRecognized, audioMs, out var reason))
            {
                _openSeq = null;
                _lastSeq--; // the number goes to the next real line
                Interlocked.Increment(ref _hallucinations);
                LogHallucination(_logger, _session.Id, recognizer, reason);
                return -1;
            }

            if (recognizer != "typed")
            {
                _recentRecognized.Add(LiveAssist.Speech.Recognition.HallucinationGuard.Compact(text));
                if (_recentRecognized.Count > 4)
                {
                    _recentRecognized.RemoveAt(0);
                }
            }

            var start = input.StartMs ?? _openStartMs;
            var end = Math.Max(start, input.EndMs ?? nowMs);
            var utterance = new Utterance(_session.Id, seq, text, start, end, _time.GetUtcNow(), RecognizerName(input.Engine));
            await _store.AddUtteranceAsync(utterance, cancellationToken).ConfigureAwait(false); // stored before anything can fail
            _openSeq = null; // only once stored: a refused line (disk full) leaves its number to the next one
            Enqueue(new Work(utterance, true, 0, context));
            return seq;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Recognized lines dropped as recognizer hallucinations (known credits, loops).</summary>
    public long Hallucinations => Interlocked.Read(ref _hallucinations);

    public async Task EnqueueRecoveredAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _lastSeq = Math.Max(_lastSeq < 0 ? await _store.LastSeqAsync(_session.Id, cancellationToken).ConfigureAwait(false) : _lastSeq, utterance.Seq);
            Enqueue(new Work(utterance, true, 0));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _done) < target)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Enqueue(Work work)
    {
        Interlocked.Increment(ref _enqueued);
        _work.Writer.TryWrite(work);
    }

    private async Task RunAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
        {
            try
            {
                if (work.Final)
                {
                    await CaptionFinalAsync(work.Utterance, work.Context, _stopping.Token).ConfigureAwait(false);
                }
                else if (work.Version == Interlocked.Read(ref _partialVersion) && _openSeq == work.Utterance.Seq)
                {
                    await CaptionPartialAsync(work.Utterance, _stopping.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                // The utterance stays stored and uncaptioned; the next start-up captions it.
                LogFailed(_logger, work.Utterance.Seq, _session.Id, e);
            }
            finally
            {
                Interlocked.Increment(ref _done);
            }
        }
    }

    private async Task CaptionPartialAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        // Partials warn only; one a final would block is shown to the host alone, so the claim never flashes on an overlay.
        var review = await ReviewAsync(utterance.Text, final: false, cancellationToken).ConfigureAwait(false);
        var translations = await _translators.TranslateAsync(await RequestAsync(utterance.Text, cancellationToken).ConfigureAwait(false) with { IsPartial = true }, cancellationToken).ConfigureAwait(false);
        foreach (var lang in _languages)
        {
            if (Translation(lang, utterance.Text, translations) is { } result)
            {
                var (text, console, flags, draft) = OnAir(result, lang);
                var caption = new Caption(utterance.Seq, lang, Caption.Partial, text, utterance.Text, utterance.StartMs, utterance.EndMs,
                    result.Engine, flags, [], Direction(lang), draft, utterance.Recognizer, console, result.Note)
                { Review = review.Findings.Count > 0 ? new CaptionReview(review.Findings) : null };
                Publish(caption, isFinal: false, hostOnly: review.Withhold);
            }
        }
    }

    private async Task CaptionFinalAsync(Utterance utterance, LineContext? context, CancellationToken cancellationToken)
    {
        using var line = CaptionTracing.StartLine(_session.Id, utterance.Seq, _languages.Count);

        // A recovered line (said before the last stop) is read against what is on screen now.
        context ??= await LineContextAsync(cancellationToken).ConfigureAwait(false);

        // Checked before translation: a blocked claim is never translated, voiced or stored as a caption.
        SourceReview review;
        using (CaptionTracing.StartStage("caption.review"))
        {
            review = _reviewer.Enabled
                ? await _reviewer.ReviewSourceAsync(utterance.Text, _sourceLanguage, _languages, context.ProductId, final: true, cancellationToken).ConfigureAwait(false)
                : SourceReview.None(utterance.Text);
        }

        // Usually one text for all languages; a buyer market's block (美国制造 for the US) gives its languages their own.
        var translations = new Dictionary<string, TranslationResult>(StringComparer.Ordinal);
        using (CaptionTracing.StartStage("caption.translate"))
        {
            foreach (var group in _languages.Where(l => l != _sourceLanguage).GroupBy(review.CarriedFor, StringComparer.Ordinal))
            {
                if (group.Key.Length == 0)
                {
                    continue;
                }

                var request = await RequestAsync(group.Key, cancellationToken, context.Currency).ConfigureAwait(false) with { To = [.. group] };
                foreach (var (lang, result) in await _translators.TranslateAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    translations[lang] = result;
                }
            }
        }

        var captions = new List<Caption>(_languages.Count);
        foreach (var lang in _languages)
        {
            var carried = review.CarriedFor(lang);
            var result = carried.Length == 0 ? new TranslationResult(string.Empty, "review", false, []) : Translation(lang, carried, translations);
            if (result is null)
            {
                continue;
            }

            var (text, console, flags, draft) = OnAir(result, lang);
            var findings = review.Findings;
            if (lang != _sourceLanguage)
            {
                var check = _reviewer.ReviewCaption(lang, text, final: true);
                if (check.Findings.Count > 0)
                {
                    findings = [.. findings, .. check.Findings];
                    if (check.Carried != text)
                    {
                        text = check.Carried;
                        flags = [.. flags, Caption.ReviewEditedFlag];
                    }
                }
            }

            if (carried != utterance.Text)
            {
                flags = [.. flags, Caption.ReviewEditedFlag];
            }

            var cues = CaptionLayout.Layout(text, lang, utterance.StartMs, utterance.EndMs, _lastCueEnd.GetValueOrDefault(lang));
            captions.Add(new Caption(utterance.Seq, lang, Caption.Final, text, carried,
                cues.Count > 0 ? cues[0].StartMs : utterance.StartMs, cues.Count > 0 ? cues[^1].EndMs : utterance.EndMs,
                result.Engine, flags.Distinct().ToList(), cues, Direction(lang), draft, utterance.Recognizer, console, result.Note)
            {
                PublishedAt = _time.GetUtcNow(),
                Review = findings.Count > 0 ? new CaptionReview(findings) { Said = carried != utterance.Text ? utterance.Text : null } : null,
            });
        }

        using (CaptionTracing.StartStage("caption.store"))
        {
            await _store.SaveCaptionsAsync(_session.Id, utterance.Seq, captions, cancellationToken).ConfigureAwait(false);
        }

        using (CaptionTracing.StartStage("caption.publish"))
        {
            foreach (var caption in captions)
            {
                _lastCueEnd[caption.Lang] = caption.EndMs;
                Publish(caption, isFinal: true, lineReceivedAt: utterance.ReceivedAt);
            }
        }

        foreach (var observer in _observers)
        {
            observer.OnFinalCaptions(_session, utterance.Seq, captions);
        }

        // The host named a product ("YW-100234 这款..."): show its card beside the captions.
        if (ProductIds.Find(utterance.Text) is { Success: true } named)
        {
            await _cards.ShowAsync(_session.Id, named.Value.ToUpperInvariant(), fromSpeech: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SourceReview> ReviewAsync(string text, bool final, CancellationToken cancellationToken)
    {
        if (!_reviewer.Enabled)
        {
            return SourceReview.None(text);
        }

        var onScreen = await _cards.ProductOnScreenAsync(_session.Id, cancellationToken).ConfigureAwait(false);
        return await _reviewer.ReviewSourceAsync(text, _sourceLanguage, _languages, onScreen, final, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CaptionTranslationRequest> RequestAsync(string text, CancellationToken cancellationToken, string? spokenCurrency = null)
        => new(text, _session.SourceLanguage, _languages.Where(l => l != _sourceLanguage).ToList(), _terms)
        {
            SpokenCurrency = spokenCurrency ?? await _cards.SpokenCurrencyAsync(_session.Id, cancellationToken).ConfigureAwait(false),
        };

    private async Task<LineContext> LineContextAsync(CancellationToken cancellationToken)
        => new(await _cards.ProductOnScreenAsync(_session.Id, cancellationToken).ConfigureAwait(false),
            await _cards.SpokenCurrencyAsync(_session.Id, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// What buyers see of a translation, and what only the console sees. A dictionary draft stays on the console
    /// unless the merchant turned drafts on for this live: buyers get its vetted clauses, terms and figures, or nothing.
    /// </summary>
    private (string Text, string? Console, IReadOnlyList<string> Flags, bool Draft) OnAir(TranslationResult result, string lang)
    {
        var flags = result.Flags.ToList();
        string text;
        string? console = null;
        var draft = result.IsDraft;
        if (result.IsDraft && !_session.ShowDrafts)
        {
            text = result.SafeText ?? string.Empty;
            console = CaptionText.Clean(result.Text, lang, flags);
            flags.Add(CaptionText.DraftHiddenFlag);
            draft = false;
        }
        else
        {
            text = result.Text;
        }

        text = CaptionText.Clean(text, lang, flags);
        if (text.Length == 0)
        {
            flags.Add(CaptionText.WithheldFlag);
        }

        return (text, console, flags, draft);
    }

    // Buyers' overlays get the caption without the console's draft and note; the host console gets all of it.
    private void Publish(Caption caption, bool isFinal, DateTimeOffset? lineReceivedAt = null, bool hostOnly = false)
    {
        if (!hostOnly)
        {
            _hub.Publish(_session.Id, caption.Lang, SseEvent.Create("caption", caption.Seq, isFinal, caption.ForBuyers(), caption.Lang) with { LineReceivedAt = lineReceivedAt });
        }

        _hub.Publish(_session.Id, CaptionHub.HostChannel(caption.Lang), SseEvent.Create("caption", caption.Seq, isFinal, caption, caption.Lang) with { LineReceivedAt = lineReceivedAt });
    }

    private TranslationResult? Translation(string lang, string source, IReadOnlyDictionary<string, TranslationResult> translations)
        => lang == _sourceLanguage ? new TranslationResult(source, "source", false, []) : translations.GetValueOrDefault(lang);

    // A label from the client, shown on pages: short, plain.
    private static string RecognizerName(string? engine)
    {
        var name = new string((engine ?? "typed").Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(32).ToArray()).ToLowerInvariant();
        return name.Length > 0 ? name : "typed";
    }

    private static string Direction(string lang) => LanguageLayout.For(lang).RightToLeft ? "rtl" : "ltr";

    // About four Chinese characters, or fifteen Latin characters, a second.
    private static long EstimatedSpeechMs(string text) => text.Any(c => c >= '\u3400') ? text.Length * 250L : text.Length * 66L;

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        _gate.Dispose();
    }

    private sealed record Work(Utterance Utterance, bool Final, long Version, LineContext? Context = null);

    /// <summary>The product on screen and what 块 means when a final line was said.</summary>
    private sealed record LineContext(string? ProductId, string Currency);

    [LoggerMessage(2, LogLevel.Warning, "Session {Session}: a line from {Recognizer} was dropped as a recognizer hallucination ({Reason})")]
    private static partial void LogHallucination(ILogger logger, string session, string recognizer, string reason);

    [LoggerMessage(1, LogLevel.Error, "Utterance {Seq} of session {Session} could not be captioned now; it stays stored and is captioned at the next start")]
    private static partial void LogFailed(ILogger logger, long seq, string session, Exception exception);
}
