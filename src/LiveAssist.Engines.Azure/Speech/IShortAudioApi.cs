using System.Text.Json.Serialization;
using Refit;

namespace LiveAssist.Engines.Azure.Speech;

/// <summary>Speech-to-text REST API for short audio (≤ 60 s, final result only): the fallback when a WebSocket cannot be used.</summary>
public interface IShortAudioApi
{
    [Post("/speech/recognition/conversation/cognitiveservices/v1")]
    Task<ShortAudioResult> RecognizeAsync(string language, string format, [Body] HttpContent audio, [Header("Authorization")] string authorization, CancellationToken cancellationToken);
}

public sealed record ShortAudioResult(
    [property: JsonPropertyName("RecognitionStatus")] string RecognitionStatus,
    [property: JsonPropertyName("DisplayText")] string? DisplayText,
    [property: JsonPropertyName("Offset"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long Offset,
    [property: JsonPropertyName("Duration"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long Duration,
    [property: JsonPropertyName("NBest")] IReadOnlyList<ShortAudioAlternative>? NBest);

public sealed record ShortAudioAlternative([property: JsonPropertyName("Display")] string? Display);
