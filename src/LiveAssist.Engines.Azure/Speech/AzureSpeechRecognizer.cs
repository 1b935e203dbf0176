using System.Runtime.CompilerServices;
using LiveAssist.Speech.Audio;
using LiveAssist.Speech.Recognition;

namespace LiveAssist.Engines.Azure.Speech;

/// <summary>
/// <c>Speech:Engines</c> name <c>azure</c>: each voice-activity segment is one recognition turn on a
/// pooled Speech WebSocket. Captions are translated by the translator chain (glossary and figures
/// checked), so the live path uses recognition; the client's speech-translation mode is not used here yet.
/// </summary>
public sealed class AzureSpeechRecognizer(AzureSpeechClient client) : ISpeechRecognizer
{
    public const string EngineName = "azure";

    public string Name => EngineName;

    public async IAsyncEnumerable<RecognitionResult> RecognizeAsync(SpeechSegment segment, RecognitionContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(context);
        var request = new SpeechTurnRequest(SpeechLocales.ForRecognition(context.Language), context.Phrases);
        await foreach (var result in client.RecognizeAsync(segment.Pcm, request, cancellationToken).ConfigureAwait(false))
        {
            yield return result;
        }
    }
}
