using LiveAssist.Speech.Audio;
using LiveAssist.Presenter.Scripts;
using LiveAssist.Presenter.Timings;
using Microsoft.Extensions.Options;

namespace LiveAssist.Presenter.Synthesis.Espeak;

/// <summary>Reads a script with espeak-ng: WAV with closed-mouth rest at both ends, words and visemes from its events.</summary>
public sealed class EspeakReader(EspeakSynthesizer synthesizer, IOptions<PresenterOptions> options)
{
    public string VoiceFor(LineScript script)
        => script is { EspeakVoice: { Length: > 0 } chosen } ? chosen : PresenterVoices.Espeak(script.Lang, options.Value.EspeakVoices);

    public async Task<SpeechReading> ReadAsync(LineScript script, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        var markup = SsmlDocument.Espeak(script);
        var voice = VoiceFor(script);
        var run = await synthesizer.RunAsync(markup, voice, script.Rate, script.Pitch, cancellationToken).ConfigureAwait(false);
        var rate = run.SampleRate;
        var lead = SpeechTimeline.RestMs * rate / 1000;
        var timeline = SpeechTimeline.FromEspeak(run, markup, SpeechTimeline.RestMs, 0);
        var speechEndMs = timeline.Visemes[^1].OffsetMs;

        // espeak ends with a pause of its own; pad so at least the rest time of silence follows the last sound.
        var totalMs = Math.Max(SpeechTimeline.RestMs + run.DurationMs, speechEndMs + SpeechTimeline.RestMs);
        // The rest silence is the zeroed start and end of the buffer; espeak's samples go in between, copied once.
        var pcm = new byte[(long)totalMs * rate / 1000 * sizeof(short)];
        var speech = System.Runtime.InteropServices.MemoryMarshal.AsBytes(run.Samples.AsSpan());
        speech[..Math.Min(speech.Length, pcm.Length - lead * sizeof(short))].CopyTo(pcm.AsSpan(lead * sizeof(short)));
        var wav = new SpeechSegment(pcm, rate, 0, totalMs).ToWav();
        return new SpeechReading(wav, timeline with { DurationMs = totalMs }, voice, script.Rate);
    }
}

/// <summary>The embedded default voice: espeak-ng, with timings from its own phoneme and word events.</summary>
public sealed class EspeakSpeechEngine(EspeakReader reader) : ITextToSpeechEngine
{
    public const string EngineName = "espeak";

    public string Name => EngineName;

    public async Task<SynthesizedSpeech> SynthesizeAsync(SynthesisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reading = request.Reference is { } reference && Math.Abs(reference.Rate - request.Script.Rate) < 0.001 && reference.Voice == reader.VoiceFor(request.Script)
            ? reference
            : await reader.ReadAsync(request.Script, cancellationToken).ConfigureAwait(false);
        return new SynthesizedSpeech(reading.Wav, "audio/wav", reading.Timeline.DurationMs, reading.Voice, SsmlDocument.Azure(request.Script, reading.Voice), reading.Timeline);
    }
}
