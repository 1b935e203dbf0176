using System.Text.Json.Serialization;
using Refit;

namespace LiveAssist.Engines.OpenAi;

/// <summary><c>POST /v1/audio/transcriptions</c> (multipart: file, model, language, prompt, response_format).</summary>
public interface ITranscriptionApi
{
    [Multipart]
    [Post("/audio/transcriptions")]
    Task<TranscriptionResult> TranscribeAsync([AliasAs("file")] ByteArrayPart file, [AliasAs("model")] string model, [AliasAs("language")] string language,
        [AliasAs("prompt")] string prompt, [AliasAs("response_format")] string responseFormat, CancellationToken cancellationToken);
}

public sealed record TranscriptionResult([property: JsonPropertyName("text")] string? Text);
