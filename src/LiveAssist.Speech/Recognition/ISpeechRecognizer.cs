namespace LiveAssist.Speech.Recognition;

/// <summary>
/// A server-side speech engine: gets one voice-activity segment of 16 kHz mono PCM and streams its
/// hypotheses (partial) and result (final) with offsets inside the segment. Engines are keyed
/// services named as in <c>Speech:Engines</c>.
/// </summary>
public interface ISpeechRecognizer
{
    string Name { get; }

    IAsyncEnumerable<RecognitionResult> RecognizeAsync(Audio.SpeechSegment segment, RecognitionContext context, CancellationToken cancellationToken);
}

/// <summary>Hints for the engine: the spoken language and the session's glossary terms.</summary>
public sealed record RecognitionContext(string SessionId, string Language, IReadOnlyList<string> Phrases)
{
    /// <summary>The session's caption languages, for engines that translate while they recognize.</summary>
    public IReadOnlyList<string> TargetLanguages { get; init; } = [];
}

/// <param name="OffsetMs">Start of the recognized speech, from the start of the segment.</param>
public sealed record RecognitionResult(string Text, bool IsFinal, long OffsetMs, long DurationMs)
{
    /// <summary>Translations the engine made while recognizing (speech translation), by language; checked like any engine's.</summary>
    public IReadOnlyDictionary<string, string>? Translations { get; init; }
}
