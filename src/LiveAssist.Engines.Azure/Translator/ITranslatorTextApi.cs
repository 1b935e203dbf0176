using System.Text.Json.Serialization;
using Refit;

namespace LiveAssist.Engines.Azure.Translator;

/// <summary>Translator v3 <c>POST /translate</c>: targets repeat as <c>to=es&amp;to=pt</c>; results come back in input order.</summary>
public interface ITranslatorTextApi
{
    [Post("/translate?api-version=3.0")]
    Task<IApiResponse<List<TranslateResult>>> TranslateAsync([Query(CollectionFormat.Multi)] string[] to, string from, string textType, string? category,
        [Body] IReadOnlyList<TranslateInput> texts, CancellationToken cancellationToken);

    [Get("/languages?api-version=3.0&scope=translation")]
    Task<IApiResponse<string>> LanguagesAsync(CancellationToken cancellationToken);
}

public sealed record TranslateInput([property: JsonPropertyName("Text")] string Text);

public sealed record TranslateResult([property: JsonPropertyName("translations")] IReadOnlyList<TranslatedText> Translations);

public sealed record TranslatedText([property: JsonPropertyName("text")] string Text, [property: JsonPropertyName("to")] string To);

/// <summary>Translator's error body: <c>{"error":{"code":400050,"message":"…"}}</c> (HTTP status × 1000 + sub-code).</summary>
public sealed record TranslatorErrorBody([property: JsonPropertyName("error")] TranslatorError? Error);

public sealed record TranslatorError([property: JsonPropertyName("code")] int Code, [property: JsonPropertyName("message")] string? Message);
