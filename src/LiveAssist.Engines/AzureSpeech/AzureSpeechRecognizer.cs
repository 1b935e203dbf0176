using System.Runtime.CompilerServices;
using LiveAssist.Captions.Audio;
using LiveAssist.Captions.Recognition;

namespace LiveAssist.Engines.AzureSpeech;

/// <summary><c>Speech:Engines</c> name <c>azure</c>: each voice-activity segment is one turn on a pooled Speech WebSocket.</summary>
public sealed class AzureSpeechRecognizer(AzureSpeechClient client, AzureSpeechOptions options) : ISpeechRecognizer
{
    public const string EngineName = "azure";

    public string Name => EngineName;

    public async IAsyncEnumerable<RecognitionResult> RecognizeAsync(SpeechSegment segment, RecognitionContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(context);
        var request = new SpeechTurnRequest(SpeechLocales.ForRecognition(context.Language), context.Phrases, options.Translate ? context.TargetLanguages : null);
        await foreach (var result in client.RecognizeAsync(segment.Pcm, request, cancellationToken).ConfigureAwait(false))
        {
            yield return result;
        }
    }
}
