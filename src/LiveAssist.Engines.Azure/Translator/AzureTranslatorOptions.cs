using System.ComponentModel.DataAnnotations;
using LiveAssist.Engines.Azure.CognitiveAuth;

namespace LiveAssist.Engines.Azure.Translator;

/// <summary>Azure AI Translator v3. Bound from <c>Translator:Azure</c>.</summary>
public sealed class AzureTranslatorOptions : CognitiveAccount
{
    public const string SectionName = "Translator:Azure";
    public const string HttpClientName = "azure-translator";

    /// <summary>Global, geography (<c>api-eur…</c>) or custom-domain endpoint; custom domains get <c>/translator/text/v3.0</c> appended.</summary>
    public string Endpoint { get; set; } = "https://api.cognitive.microsofttranslator.com";

    /// <summary>Characters per request, counted once per target language (the service's limit is 50,000).</summary>
    [Range(1, 1_000_000)]
    public int MaxRequestChars { get; set; } = 50_000;

    /// <summary>Text elements per request (the service's limit is 1,000).</summary>
    [Range(1, 10_000)]
    public int MaxElements { get; set; } = 1_000;

    /// <summary>Custom Translator category; empty for the general model.</summary>
    public string? Category { get; set; }

    /// <summary>Retries after 408, 429 and 5xx (a <c>Retry-After</c> header is honoured).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    public Uri BaseUri()
    {
        var endpoint = new Uri(Endpoint.TrimEnd('/'));
        return endpoint.Host.EndsWith(".cognitiveservices.azure.com", StringComparison.OrdinalIgnoreCase) && endpoint.AbsolutePath.Length <= 1
            ? new Uri(endpoint, "/translator/text/v3.0/")
            : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/");
    }
}
