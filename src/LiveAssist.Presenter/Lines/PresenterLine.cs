using LiveAssist.Presenter.Timings;

namespace LiveAssist.Presenter.Lines;

/// <summary>
/// A digital-human line (contract: <c>GET /api/sessions/{id}/speech/{seq}?lang=</c>): the caption's
/// text, the SSML script, the voice, the audio, and word and viseme timings aligned with that audio.
/// </summary>
/// <param name="Engine">Which voice engine produced the audio (<c>azure</c>, <c>espeak</c>), or <c>none</c>.</param>
/// <param name="Cues">The caption's screenfuls re-timed to the audio: each appears when the presenter reaches its first word.</param>
/// <param name="Timings">Where the timings come from: <c>espeak</c> (its own events), <c>espeak-aligned</c> (espeak's reading stretched to another engine's audio) or <c>none</c>.</param>
/// <param name="Flags"><c>fallback</c> when the first engine failed; <c>rate-fitted</c> when sped up to fit the caption; <c>overruns-caption</c> when even the fastest rate does not fit; <c>no-voice</c> when no engine could speak.</param>
public sealed record PresenterLine(
    long Seq,
    string Lang,
    string Text,
    string Ssml,
    string Voice,
    string Engine,
    string? AudioUrl,
    int DurationMs,
    double Rate,
    IReadOnlyList<WordTiming> Words,
    IReadOnlyList<VisemeTiming> Visemes,
    IReadOnlyList<PresenterCue> Cues,
    string Timings,
    IReadOnlyList<string> Flags,
    IReadOnlyList<EngineFailure> Failures,
    long CaptionStartMs,
    long CaptionEndMs,
    string Dir);

/// <summary>A screenful of the caption (its lines joined by newlines), shown from <see cref="OffsetMs"/> of the audio on.</summary>
public sealed record PresenterCue(int OffsetMs, string Text);

/// <summary>Why an engine did not voice the line.</summary>
public sealed record EngineFailure(string Engine, string Error);
