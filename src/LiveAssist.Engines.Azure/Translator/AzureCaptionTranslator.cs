using System.Globalization;
using System.Text.Json;
using LiveAssist.Engines.Azure.Speech;
using LiveAssist.Translation;
using Refit;

namespace LiveAssist.Engines.Azure.Translator;

/// <summary>
/// <c>Translator:Engines</c> name <c>azure</c>: Translator v3 over REST, one request per caption for
/// all target languages (split only when the glossary or the size limits require it).
/// </summary>
public sealed class AzureCaptionTranslator(ITranslatorTextApi api, AzureTranslatorOptions options, EngineMetrics metrics) : ICaptionTranslator
{
    public const string EngineName = "azure";
    private static readonly HashSet<string> Unspaced = ["zh", "ja", "th", "lo", "km", "my"];

    public string Name => EngineName;

    public async Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = TranslatorRequestPlan.Create(request, options.MaxRequestChars, options.MaxElements);
        var from = SpeechLocales.ForTranslation(request.From);
        var category = string.IsNullOrWhiteSpace(options.Category) ? null : options.Category;
        var pieces = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var batch in plan.Batches)
        {
            var codes = batch.Targets.ToDictionary(SpeechLocales.ForTranslation, l => l, StringComparer.OrdinalIgnoreCase);
            metrics.CharactersSent(EngineName, batch.BilledCharacters);
            using var response = await api.TranslateAsync([.. codes.Keys], from, "plain", category, [.. batch.Pieces.Select(p => new TranslateInput(p))], cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || response.Content is null)
            {
                throw new TranslatorException((int?)response.StatusCode ?? 0, ErrorOf(response));
            }

            if (response.Headers.TryGetValues("X-Metered-Usage", out var metered) && long.TryParse(metered.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var billed))
            {
                metrics.CharactersMetered(EngineName, billed);
            }

            foreach (var element in response.Content)
            {
                foreach (var translated in element.Translations)
                {
                    if (codes.TryGetValue(translated.To, out var language))
                    {
                        (pieces.TryGetValue(language, out var list) ? list : pieces[language] = []).Add(translated.Text);
                    }
                }
            }
        }

        return pieces.ToDictionary(
            p => p.Key,
            p => new TranslationResult(string.Join(Unspaced.Contains(p.Key) ? string.Empty : " ", p.Value.Select(t => t.Trim())), EngineName, false, []),
            StringComparer.OrdinalIgnoreCase);
    }

    private static string ErrorOf(IApiResponse response)
    {
        var body = (response.Error as ApiException)?.Content;
        try
        {
            if (body is not null && JsonSerializer.Deserialize<TranslatorErrorBody>(body)?.Error is { } error)
            {
                return $"{error.Code}: {error.Message}";
            }
        }
        catch (JsonException)
        {
            // not Translator's error shape
        }

        return response.ReasonPhrase ?? "no details";
    }
}

/// <summary>Translator answered with an error after the retries.</summary>
public sealed class TranslatorException(int status, string detail) : Exception($"Azure Translator answered {status} ({detail}).")
{
    public int Status { get; } = status;
}
