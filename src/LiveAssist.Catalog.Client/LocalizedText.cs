namespace LiveAssist.Catalog.Client;

/// <summary>Text in several languages, keyed by BCP-47 tag: <c>{"zh": "保温杯", "en": "Vacuum flask"}</c>.</summary>
public sealed class LocalizedText : Dictionary<string, string>
{
    public LocalizedText()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public LocalizedText(IDictionary<string, string> values)
        : base(values, StringComparer.OrdinalIgnoreCase)
    {
    }

    /// <summary>The text for <paramref name="language"/> (es-MX → es), else English, else Chinese, else any.</summary>
    public string? For(string? language) => ForWithSource(language).Text;

    /// <summary>The text and the language it is actually in, following the same fallback as <see cref="For"/>.</summary>
    public (string? Text, string? Language) ForWithSource(string? language)
    {
        if (!string.IsNullOrWhiteSpace(language))
        {
            if (TryGetValue(language, out var exact) && !string.IsNullOrEmpty(exact))
            {
                return (exact, language);
            }

            var dash = language.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && TryGetValue(language[..dash], out var neutral) && !string.IsNullOrEmpty(neutral))
            {
                return (neutral, language[..dash]);
            }
        }

        foreach (var fallback in new[] { "en", "zh" })
        {
            if (TryGetValue(fallback, out var text) && !string.IsNullOrEmpty(text))
            {
                return (text, fallback);
            }
        }

        var any = this.FirstOrDefault(pair => !string.IsNullOrEmpty(pair.Value));
        return (any.Value, any.Key);
    }
}
