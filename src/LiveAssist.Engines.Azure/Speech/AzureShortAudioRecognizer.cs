using System.Runtime.CompilerServices;
using LiveAssist.Speech.Audio;
using LiveAssist.Speech.Recognition;
using LiveAssist.Engines.Azure.CognitiveAuth;

namespace LiveAssist.Engines.Azure.Speech;

/// <summary><c>Speech:Engines</c> name <c>azure-rest</c>: the segment as one WAV to the short-audio REST API (no partials, ≤ 60 s).</summary>
public sealed class AzureShortAudioRecognizer(IShortAudioApi api, CognitiveTokenProvider tokens) : ISpeechRecognizer
{
    public const string EngineName = "azure-rest";
    private const long MaxMs = 60_000;

    public string Name => EngineName;

    public async IAsyncEnumerable<RecognitionResult> RecognizeAsync(SpeechSegment segment, RecognitionContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(context);
        if (segment.DurationMs > MaxMs)
        {
            throw new NotSupportedException($"The short-audio API takes at most {MaxMs / 1000} s; this segment is {segment.DurationMs / 1000} s.");
        }

        using var audio = new ByteArrayContent(segment.ToWav());
        // As documented; the unquoted "/" in codecs= is not valid for .NET's media-type parser, so it is set as written.
        audio.Headers.TryAddWithoutValidation("Content-Type", "audio/wav; codecs=audio/pcm; samplerate=16000");
        var token = await tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
        var result = await api.RecognizeAsync(SpeechLocales.ForRecognition(context.Language), "detailed", audio, "Bearer " + token, cancellationToken).ConfigureAwait(false);
        if (result.RecognitionStatus is not ("Success" or "NoMatch" or "InitialSilenceTimeout" or "BabbleTimeout"))
        {
            throw new SpeechServiceException($"Short-audio recognition failed: {result.RecognitionStatus}.");
        }

        var text = result.NBest?.FirstOrDefault()?.Display ?? result.DisplayText;
        if (result.RecognitionStatus == "Success" && !string.IsNullOrWhiteSpace(text))
        {
            yield return new RecognitionResult(text, true, result.Offset / 10_000, result.Duration / 10_000);
        }
    }
}
