using System.Globalization;
using System.Text.Json;

namespace LiveAssist.Translation.Figures;

/// <summary>Measure words, metric symbols, currencies and offers per caption language, from <c>Data/units.json</c>.</summary>
public static class UnitWords
{
    private static readonly Lazy<Table> Data = new(Load);

    /// <summary>The measure-word group a Chinese measure word belongs to (个, 件 and 只 all read "pcs").</summary>
    public static string? MeasureGroup(char measure) => Data.Value.Measures.Keys.FirstOrDefault(group => group.Contains(measure, StringComparison.Ordinal));

    public static (string Symbol, int Length)? Metric(string rest)
    {
        foreach (var (word, symbol) in Data.Value.Metric)
        {
            // Latin symbols must stand alone: "5m" but not "5mins".
            if (rest.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                && (!char.IsAsciiLetter(word[0]) || rest.Length == word.Length || !char.IsAsciiLetter(rest[word.Length])))
            {
                return (symbol, word.Length);
            }
        }

        return null;
    }

    /// <summary>A figure as a buyer in <paramref name="language"/> writes it.</summary>
    public static string Render(Figure figure, string language)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var lang = LanguageTags.Primary(language);
        var number = FormatNumber(figure.Value, lang);
        var tight = lang is "zh" or "ja" or "ko";
        return figure.Kind switch
        {
            FigureKind.Money when figure.Unit == "USD" => lang is "en" or "zh" or "ja" or "ko" ? "US$" + number : number + " US$",
            FigureKind.Money when figure.Unit is null or "CNY" => string.Format(CultureInfo.InvariantCulture, Word(Data.Value.Money, lang, "{0} CNY"), number),
            FigureKind.Money when figure.Unit == "EUR" => lang is "en" or "zh" or "ja" or "ko" ? "€" + number : number + " €",
            FigureKind.Money => number + " " + figure.Unit,
            FigureKind.BuyGet => string.Format(CultureInfo.InvariantCulture, Word(Data.Value.BuyGet, lang, "{0} + {1}"), number, FormatNumber(figure.Second ?? 0, lang)),
            FigureKind.Quantity => number + (tight ? string.Empty : " ") + Word(Data.Value.Measures.GetValueOrDefault(figure.Unit!) ?? Data.Value.Durations[figure.Unit!], lang, "pcs"),
            FigureKind.Discount => string.Format(CultureInfo.InvariantCulture, Word(Data.Value.Discount, lang, "{0}% off"), number),
            FigureKind.Percent => string.Format(CultureInfo.InvariantCulture, Word(Data.Value.Percent, lang, "{0}%"), number),
            FigureKind.Number when figure.Value is >= 1900 and <= 2100 && figure.Value == decimal.Truncate(figure.Value) => figure.Value.ToString(CultureInfo.InvariantCulture), // a year
            FigureKind.PerUnit => Word(Data.Value.PerUnit, lang, "each"),
            FigureKind.Metric => number + (tight ? string.Empty : " ") + figure.Unit,
            _ => number,
        };
    }

    /// <summary>Grouping and decimal separators of the language (1,850.5 / 1.850,5 / 1 850,5); Latin digits everywhere, as traders write them.</summary>
    public static string FormatNumber(decimal value, string language)
    {
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            culture = CultureInfo.InvariantCulture;
        }

        return value.ToString(value == decimal.Truncate(value) ? "#,0" : "#,0.##", culture.NumberFormat);
    }

    private static string Word(IReadOnlyDictionary<string, string> words, string language, string fallback)
        => words.TryGetValue(language, out var word) ? word : words.TryGetValue("en", out var english) ? english : fallback;

    private sealed record Table(
        IReadOnlyDictionary<string, string> Money,
        IReadOnlyDictionary<string, string> BuyGet,
        IReadOnlyDictionary<string, string> PerUnit,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Measures,
        IReadOnlyList<KeyValuePair<string, string>> Metric,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Durations,
        IReadOnlyDictionary<string, string> Discount,
        IReadOnlyDictionary<string, string> Percent);

    private static Table Load()
    {
        using var stream = typeof(UnitWords).Assembly.GetManifestResourceStream("LiveAssist.Translation.Data.units.json")
            ?? throw new InvalidOperationException("units.json is not embedded.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        static IReadOnlyDictionary<string, string> Words(JsonElement e) => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new Table(
            Words(root.GetProperty("money")),
            Words(root.GetProperty("buyGet")),
            Words(root.GetProperty("perUnit")),
            root.GetProperty("measures").EnumerateObject().ToDictionary(p => p.Name, p => Words(p.Value), StringComparer.Ordinal),
            [.. root.GetProperty("metric").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).OrderByDescending(p => p.Key.Length)],
            root.GetProperty("durations").EnumerateObject().ToDictionary(p => p.Name, p => Words(p.Value), StringComparer.Ordinal),
            Words(root.GetProperty("discount")),
            Words(root.GetProperty("percent")));
    }
}
