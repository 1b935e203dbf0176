using System.Collections.Concurrent;
using System.Diagnostics;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Presenter.Scripts;
using LiveAssist.Presenter.Synthesis;
using LiveAssist.Presenter.Synthesis.Espeak;
using LiveAssist.Presenter.Timings;
using LiveAssist.Sessions;
using LiveAssist.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Presenter.Lines;

/// <summary>
/// Makes (once) and caches the digital-human line of a final caption in one language: writes the
/// script, reads it with espeak-ng to learn its natural length and timings, speeds it up to fit the
/// caption's time on screen, then voices it with the first engine of <c>Tts:Engines</c> that works.
/// Two callers asking for the same line share one synthesis; with hosts sharing Redis, so do two hosts
/// (<see cref="SharedPresenterLines"/>).
/// </summary>
public sealed partial class PresenterLineMaker(
    ICaptionStore captions,
    ISessionStore sessions,
    PresenterLineStore lines,
    EspeakReader espeak,
    VoiceChain voices,
    IServiceProvider services,
    IOptions<PresenterOptions> options,
    ILogger<PresenterLineMaker> logger)
{
    private readonly ConcurrentDictionary<(string Session, string Lang, long Seq), Lazy<Task<PresenterLine?>>> _making = new();
    private readonly SharedPresenterLines? _shared = services.GetService<IMadeOnceStore>() is { } store ? new SharedPresenterLines(store, lines, options) : null;

    /// <summary>Time from request to a ready line, for the benchmark and /metrics.</summary>
    public static readonly System.Diagnostics.Metrics.Meter Meter = new("LiveAssist.Presenter");
    private static readonly System.Diagnostics.Metrics.Histogram<double> ReadyMs = Meter.CreateHistogram<double>("liveassist.presenter.line_ready", "ms");

    /// <summary>The line, made now if it is not cached; null when the caption does not exist (yet) in that language.</summary>
    public async Task<PresenterLine?> GetAsync(LiveSession session, string lang, long seq, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (await lines.ReadAsync(session.Id, lang, seq, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        var key = (session.Id, lang, seq);
        var making = _making.GetOrAdd(key, k => new Lazy<Task<PresenterLine?>>(() => MakeOnceAsync(k.Session, k.Lang, k.Seq)));
        try
        {
            return await making.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (making.Value.IsCompleted)
            {
                _making.TryRemove(new KeyValuePair<(string, string, long), Lazy<Task<PresenterLine?>>>(key, making));
            }
        }
    }

    // Not tied to one caller's cancellation: a page that gives up must not waste the work for the next.
    private async Task<PresenterLine?> MakeOnceAsync(string sessionId, string lang, long seq)
        => _shared is null
            ? (await MakeAsync(sessionId, lang, seq).ConfigureAwait(false))?.Line
            : await _shared.GetOrMakeAsync(sessionId, lang, seq, () => MakeAsync(sessionId, lang, seq), CancellationToken.None).ConfigureAwait(false);

    /// <summary>Voices the line and keeps it in this host's store; returns it with the engine's audio.</summary>
    private async Task<MadeLine?> MakeAsync(string sessionId, string lang, long seq)
    {
        var cancellationToken = CancellationToken.None;
        if (await captions.ReadCaptionAsync(sessionId, lang, seq, cancellationToken).ConfigureAwait(false) is not { } stored || stored.Text.Length == 0)
        {
            return null; // a line withheld from buyers is not voiced either
        }

        // The presenter says what buyers read: never the console's draft or note.
        var caption = stored.ForBuyers();

        var started = Stopwatch.GetTimestamp();
        // The merchant's voice for this language, as the live is set up now (read again: the studio may have changed it).
        var choice = (await sessions.GetAsync(sessionId, cancellationToken).ConfigureAwait(false))?.Presenter?.Voices.GetValueOrDefault(lang);
        var script = LineScriptWriter.Write(sessionId, caption);
        if (choice is not null)
        {
            script = script with
            {
                EspeakVoice = choice.Espeak,
                AzureVoice = choice.Azure,
                Rate = Math.Clamp(choice.Rate, PresenterVoiceChoice.MinRate, PresenterVoiceChoice.MaxRate),
                Pitch = Math.Clamp(choice.Pitch, -PresenterVoiceChoice.MaxPitch, PresenterVoiceChoice.MaxPitch),
            };
        }

        var chosenRate = script.Rate;
        var flags = new List<string>();
        var failures = new List<EngineFailure>();
        var reading = await ReadAsync(script, failures, cancellationToken).ConfigureAwait(false);
        if (reading is not null && script.AvailableMs > 0)
        {
            var spokenMs = reading.Timeline.Visemes[^1].OffsetMs - SpeechTimeline.RestMs;
            var needed = (double)spokenMs / script.AvailableMs;
            if (needed > 1.02)
            {
                script = script with { Rate = Math.Round(chosenRate * Math.Min(needed, Math.Max(1, options.Value.MaxRate)), 2) };
                flags.Add(needed > options.Value.MaxRate ? "overruns-caption" : "rate-fitted");
                reading = await ReadAsync(script, failures, cancellationToken).ConfigureAwait(false);
            }
        }

        var voiced = await voices.VoiceAsync(new SynthesisRequest(script, reading),
            failure => LogEngineFailed(logger, failure.Engine, seq, lang, sessionId, failure.Reason), cancellationToken).ConfigureAwait(false);
        failures.AddRange(voiced.Failures.Select(f => new EngineFailure(f.Engine, f.Reason)));
        if (voiced is { Answered: true, Engine: { } name, Value: { } speech })
        {
            if (voiced.IsFallback)
            {
                flags.Add("fallback");
            }

            var timeline = speech.Timeline;
            var line = Line(sessionId, caption, script, speech.Ssml, speech.Voice, name, speech.DurationMs, timeline,
                timeline is null ? "none" : name == EspeakSpeechEngine.EngineName ? "espeak" : "espeak-aligned", flags, failures, audio: true);
            await lines.SaveAsync(sessionId, line, speech.Audio, cancellationToken).ConfigureAwait(false);
            ReadyMs.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("engine", name));
            return new MadeLine(line, speech.Audio);
        }

        // No engine could speak: the page still shows the caption for its time, with a closed mouth.
        flags.Add("no-voice");
        var silent = Line(sessionId, caption, script, SsmlDocument.Azure(script, "none"), "none", "none", script.AvailableMs, null, "none", flags, failures, audio: false);
        await lines.SaveAsync(sessionId, silent, null, cancellationToken).ConfigureAwait(false);
        return new MadeLine(silent, null);
    }

    private async Task<SpeechReading?> ReadAsync(LineScript script, List<EngineFailure> failures, CancellationToken cancellationToken)
    {
        try
        {
            return await espeak.ReadAsync(script, cancellationToken).ConfigureAwait(false);
        }
        catch (SpeechEngineException e)
        {
            if (!failures.Any(f => f.Engine == EspeakSpeechEngine.EngineName))
            {
                failures.Add(new EngineFailure(EspeakSpeechEngine.EngineName, e.Message));
            }

            return null;
        }
    }

    private static PresenterLine Line(string sessionId, Caption caption, LineScript script, string ssml, string voice, string engine, int durationMs,
        SpeechTimeline? timeline, string timings, List<string> flags, List<EngineFailure> failures, bool audio)
        => new(caption.Seq, caption.Lang, caption.Text, ssml, voice, engine,
            audio ? $"/api/sessions/{Uri.EscapeDataString(sessionId)}/speech/{caption.Seq}/audio?lang={caption.Lang}" : null,
            durationMs, script.Rate, timeline?.Words ?? [], timeline?.Visemes ?? [new VisemeTiming(0, VisemeMap.Silence)], Cues(caption, timeline, durationMs), timings,
            [.. flags.Distinct()], [.. failures], caption.Cues.Count > 0 ? caption.Cues[0].StartMs : caption.StartMs,
            caption.Cues.Count > 0 ? caption.Cues[^1].EndMs : caption.EndMs, caption.Dir);

    // A screenful starts with the word at the same share of the line's characters (words are the spoken forms, so
    // positions are matched by proportion, not by text); without word timings, by share of the duration.
    private static List<PresenterCue> Cues(Caption caption, SpeechTimeline? timeline, int durationMs)
    {
        var screens = caption.Cues.Count > 0 ? caption.Cues.Select(c => string.Join("\n", c.Lines)).ToList() : [caption.Text];
        var total = Math.Max(1, screens.Sum(s => s.Length));
        var cues = new List<PresenterCue>(screens.Count);
        var before = 0;
        foreach (var screen in screens)
        {
            var share = (double)before / total;
            var words = timeline?.Words;
            var offset = cues.Count == 0 ? 0
                : words is { Count: > 0 } ? words[Math.Min(words.Count - 1, (int)Math.Round(share * words.Count))].OffsetMs
                : (int)(share * durationMs);
            cues.Add(new PresenterCue(Math.Max(offset, cues.Count > 0 ? cues[^1].OffsetMs + 1 : 0), screen));
            before += screen.Length;
        }

        return cues;
    }

    [LoggerMessage(1, LogLevel.Warning, "Voice engine {Engine} could not voice line {Seq} ({Lang}) of session {Session}: {Reason}; trying the next")]
    private static partial void LogEngineFailed(ILogger logger, string engine, long seq, string lang, string session, string reason);
}
