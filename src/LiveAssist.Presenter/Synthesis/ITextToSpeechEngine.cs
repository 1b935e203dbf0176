using LiveAssist.Presenter.Scripts;
using LiveAssist.Presenter.Timings;

namespace LiveAssist.Presenter.Synthesis;

/// <summary>A voice for the presenter. Registered keyed by <see cref="Name"/>; <c>Tts:Engines</c> orders them.</summary>
public interface ITextToSpeechEngine
{
    string Name { get; }

    /// <summary>Voices one line. Throws <see cref="SpeechEngineException"/> when it cannot; the next engine takes over.</summary>
    Task<SynthesizedSpeech> SynthesizeAsync(SynthesisRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// A line to voice. <paramref name="Reference"/> is espeak-ng's reading of the same script at the same
/// rate, when espeak-ng is installed: its timings stand in for engines that give none.
/// </summary>
public sealed record SynthesisRequest(LineScript Script, SpeechReading? Reference);

/// <summary>Audio of a line and, when the engine knows them, its word and viseme timings.</summary>
public sealed record SynthesizedSpeech(byte[] Audio, string ContentType, int DurationMs, string Voice, string Ssml, SpeechTimeline? Timeline);

/// <summary>espeak-ng's audio (as WAV, with rest silence added) and timings for a script.</summary>
public sealed record SpeechReading(byte[] Wav, SpeechTimeline Timeline, string Voice, double Rate);
