using LiveAssist.Dialogs.Locales;
using LiveAssist.Catalog.Client;
using LiveAssist.Translation.Figures;
using System.Text;
using System.Text.RegularExpressions;

namespace LiveAssist.BuyerQa.Understanding;

/// <summary>
/// Reads a buyer's message: intent from the operator's keyword lists, quantity (a number next to a
/// unit word, "3k", or the number a price question is about), destination country, incoterm, and the
/// product (an id, "this" for the one on screen, "number 3" from the session list, or words to search).
/// </summary>
public sealed partial class QuestionReader(KeywordMatcher keywords, CountryRecognizer countries)
{
    private static readonly BuyerIntent[] Priority =
    [
        // Shipping before price: "how much is shipping to Lagos?" asks for freight, not the price list.
        BuyerIntent.Human, BuyerIntent.Customization, BuyerIntent.Samples, BuyerIntent.Certifications, BuyerIntent.Payment,
        BuyerIntent.Moq, BuyerIntent.Shipping, BuyerIntent.Price, BuyerIntent.Stock, BuyerIntent.LeadTime, BuyerIntent.Colors, BuyerIntent.Specs,
    ];

    /// <summary>The colours buyers ask for, as the <c>color.*</c> keys of <c>locales/*/intents.json</c> name them.</summary>
    public static readonly string[] Colors = ["black", "white", "red", "blue", "pink", "green", "gold", "silver"];

    private static readonly string[] SizeUnits = ["ml", "l", "cm", "mm", "m", "kg", "g", "w", "inch", "in", "v", "mah", "gb", "毫升", "升", "厘米", "寸", "克", "公斤"];

    [GeneratedRegex(@"\b(EXW|FOB|CIF|CFR|DDP|DAP|FCA)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Incoterm();

    [GeneratedRegex(@"(?:^|\s)#\s?(\d{1,3})\b|第\s?(\d{1,3})\s?[个款号]|(\d{1,3})\s?号", RegexOptions.CultureInvariant)]
    private static partial Regex HashNumber();

    public BuyerQuestion Read(string text, string language, LocaleTexts texts)
    {
        ArgumentNullException.ThrowIfNull(text);
        var consumed = new List<(int Start, int Length)>();

        var intent = DetectIntent(text, language, consumed, texts);
        var color = FindColor(text, language, consumed, texts);

        var id = ProductIds.Find(text);
        if (id.Success)
        {
            consumed.Add((id.Index, id.Length));
        }

        var country = countries.Find(text);
        if (country is { } c)
        {
            consumed.Add((c.Start, c.Length));
        }

        var incoterm = Incoterm().Match(text);
        var listNumber = ListNumber(text, language, consumed, texts);
        var quantity = Quantity(text, language, intent, consumed, id, texts);
        var refersToCurrent = keywords.Any(texts, text, language, "ref.this");
        consumed.AddRange(keywords.Find(texts, text, language, "ref.this"));
        consumed.AddRange(keywords.Find(texts, text, language, "unit.pieces"));
        consumed.AddRange(keywords.Find(texts, text, language, "stopWords"));

        if (intent is BuyerIntent.None or BuyerIntent.LeadTime && country?.Code is not null && keywords.Any(texts, text, language, "intent.shipping"))
        {
            intent = BuyerIntent.Shipping; // "how long is delivery to Germany?" is a freight question with a destination
        }

        if (intent is BuyerIntent.None or BuyerIntent.Colors && quantity is not null)
        {
            intent = BuyerIntent.Price; // "3000 pcs to Brazil?", "I want 3000 black ones" ask for a quote
        }
        else if (intent is BuyerIntent.None or BuyerIntent.Specs && color is not null)
        {
            intent = BuyerIntent.Colors; // "do you have this in pink?"
        }

        var product = id.Success ? new ProductReference(id.Value.ToUpperInvariant(), false, null, null)
            : listNumber is not null ? new ProductReference(null, false, listNumber, null)
            : Leftover(text, consumed) is { } words ? new ProductReference(null, false, null, words)
            : refersToCurrent ? new ProductReference(null, true, null, null)
            : ProductReference.None;

        // A colour alone names no product: "black ones" is the product on screen in black.
        if (product == ProductReference.None && color is not null)
        {
            product = new ProductReference(null, true, null, null);
        }

        return new BuyerQuestion(text, language, intent, quantity, country?.Code, incoterm.Success ? incoterm.Value.ToUpperInvariant() : null, product) { Color = color };
    }

    /// <summary>
    /// The first intent in priority order whose words occur, ignoring a word that lies inside a longer
    /// phrase of another intent ("cuánto" inside "cuántos días" is a lead-time question).
    /// </summary>
    private BuyerIntent DetectIntent(string text, string language, List<(int Start, int Length)> consumed, LocaleTexts texts)
    {
        var found = Priority.Select(i => (Intent: i, Spans: keywords.Find(texts, text, language, "intent." + Key(i)))).ToList();
        var all = found.SelectMany(f => f.Spans.Select(s => (f.Intent, s.Start, s.Length))).ToList();
        foreach (var (_, spans) in found)
        {
            consumed.AddRange(spans);
        }

        bool Covered(BuyerIntent intent, (int Start, int Length) span)
            => all.Any(o => o.Intent != intent && o.Length > span.Length && o.Start <= span.Start && o.Start + o.Length >= span.Start + span.Length);

        return found.FirstOrDefault(f => f.Spans.Any(s => !Covered(f.Intent, s))).Intent;
    }

    private int? Quantity(string text, string language, BuyerIntent intent, List<(int Start, int Length)> consumed, Match id, LocaleTexts texts)
    {
        int? fallback = null;
        foreach (var number in NumberRecognizer.Recognize(text))
        {
            if (number.IsMoney || number.Value < 1 || number.Value != decimal.Truncate(number.Value) || number.Value > 10_000_000
                || (id.Success && number.Start >= id.Index && number.Start < id.Index + id.Length)
                || consumed.Any(c => number.Start >= c.Start && number.Start < c.Start + c.Length) // "#2", "2号" are list numbers
                || IsSize(number) || IsModelNumber(number))
            {
                continue;
            }

            consumed.Add((number.Start, number.Length));
            var after = number.Following.TrimStart();
            if (keywords.Find(texts, after, language, "unit.pieces").Any(m => m.Start == 0)
                || text.Substring(number.Start, number.Length).EndsWith('k') || text.Substring(number.Start, number.Length).EndsWith('K'))
            {
                return (int)number.Value;
            }

            // A bare number in a price question is the quantity asked about ("price for 3000?").
            if (intent is BuyerIntent.Price or BuyerIntent.None or BuyerIntent.Shipping && number.Value >= 2)
            {
                fallback ??= (int)number.Value;
            }
        }

        return fallback;
    }

    private string? FindColor(string text, string language, List<(int Start, int Length)> consumed, LocaleTexts texts)
    {
        foreach (var color in Colors)
        {
            var spans = keywords.Find(texts, text, language, "color." + color);
            if (spans.Count > 0)
            {
                consumed.AddRange(spans);
                return color;
            }
        }

        return null;
    }

    private int? ListNumber(string text, string language, List<(int, int)> consumed, LocaleTexts texts)
    {
        var hash = HashNumber().Match(text);
        if (hash.Success)
        {
            consumed.Add((hash.Index, hash.Length));
            var digits = hash.Groups.Values.Skip(1).First(g => g.Success).Value;
            return int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (start, length) in keywords.Find(texts, text, language, "ref.number"))
        {
            var rest = text[(start + length)..];
            var number = NumberRecognizer.Recognize(rest).FirstOrDefault();
            if (number is not null && number.Start <= 2 && number.Value is >= 1 and <= 200)
            {
                consumed.Add((start, length + number.Start + number.Length));
                return (int)number.Value;
            }
        }

        return null;
    }

    private static bool IsSize(RecognizedNumber number)
    {
        var after = number.Following.TrimStart().ToLowerInvariant();
        return SizeUnits.Any(u => after.StartsWith(u, StringComparison.Ordinal)
            && (after.Length == u.Length || !char.IsLetter(after[u.Length])));
    }

    // "iPhone 16", "Galaxy S24": a number glued to a model name is not a quantity.
    private static bool IsModelNumber(RecognizedNumber number)
    {
        var before = number.Preceding;
        // Latin letters only: Chinese characters are letters too, and "2号5000个" has a quantity after 号.
        return before.Length > 0 && (char.IsAsciiLetter(before[^1])
            || before.EndsWith("iphone ", StringComparison.OrdinalIgnoreCase) || before.EndsWith("galaxy ", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>What is left once intent words, figures, places and references are taken out: words naming a product.</summary>
    private static string? Leftover(string text, List<(int Start, int Length)> consumed)
    {
        var keep = new bool[text.Length];
        Array.Fill(keep, true);
        foreach (var (start, length) in consumed)
        {
            for (var i = start; i < Math.Min(text.Length, start + length); i++)
            {
                keep[i] = false;
            }
        }

        var builder = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            builder.Append(keep[i] ? text[i] : ' ');
        }

        var words = builder.ToString().Split([' ', '?', '¿', '!', '¡', ',', '.', '؟', '？', '，', '。', ':', ';', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 || w.Any(ch => ch is >= '\u4E00' and <= '\u9FFF') && w.Length >= 2)
            .ToList();
        return words.Count == 0 ? null : string.Join(' ', words);
    }

    private static string Key(BuyerIntent intent) => intent switch
    {
        BuyerIntent.LeadTime => "leadTime",
        _ => intent.ToString().ToLowerInvariant(),
    };
}

