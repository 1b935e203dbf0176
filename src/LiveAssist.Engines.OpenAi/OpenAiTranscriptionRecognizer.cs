using System.Runtime.CompilerServices;
using LiveAssist.Speech.Audio;
using LiveAssist.Speech.Recognition;
using Refit;

namespace LiveAssist.Engines.OpenAi;

/// <summary>
/// <c>Speech:Engines</c> name <c>openai</c>: each voice-activity segment goes as a WAV file to an
/// OpenAI-compatible transcription endpoint, with the language as a hint and the session glossary as
/// the prompt (Whisper-style models spell names they were primed with). One final result per segment.
/// </summary>
public sealed class OpenAiTranscriptionRecognizer(ITranscriptionApi api, OpenAiServerOptions options) : ISpeechRecognizer
{
    public const string EngineName = "openai";

    public string Name => EngineName;

    public async IAsyncEnumerable<RecognitionResult> RecognizeAsync(SpeechSegment segment, RecognitionContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(context);
        var file = new ByteArrayPart(segment.ToWav(), $"segment-{segment.StartMs}.wav", "audio/wav");
        var prompt = context.Phrases.Count == 0 ? string.Empty : string.Join("、", context.Phrases);
        var result = await api.TranscribeAsync(file, options.Model ?? "whisper-1", Translation.LanguageTags.Primary(context.Language), prompt, "json", cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(result.Text))
        {
            yield return new RecognitionResult(result.Text.Trim(), true, 0, segment.DurationMs);
        }
    }
}
