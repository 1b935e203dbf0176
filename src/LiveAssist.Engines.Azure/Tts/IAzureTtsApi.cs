using System.Text.Json.Serialization;
using Refit;

namespace LiveAssist.Engines.Azure.Tts;

/// <summary>Azure text to speech REST: SSML in, audio out; and the region's voices.</summary>
public interface IAzureTtsApi
{
    [Post("/cognitiveservices/v1")]
    Task<HttpResponseMessage> SynthesizeAsync([Body] HttpContent ssml, [Header("X-Microsoft-OutputFormat")] string outputFormat, CancellationToken cancellationToken);

    [Get("/cognitiveservices/voices/list")]
    Task<IApiResponse<List<AzureVoice>>> VoicesAsync(CancellationToken cancellationToken);
}

/// <summary>One entry of <c>voices/list</c> (the fields we use).</summary>
public sealed record AzureVoice(
    [property: JsonPropertyName("ShortName")] string ShortName,
    [property: JsonPropertyName("Locale")] string Locale,
    [property: JsonPropertyName("VoiceType")] string? VoiceType,
    [property: JsonPropertyName("Status")] string? Status,
    [property: JsonPropertyName("SecondaryLocaleList")] IReadOnlyList<string>? SecondaryLocales,
    [property: JsonPropertyName("LocalName")] string? LocalName = null,
    [property: JsonPropertyName("Gender")] string? Gender = null);
