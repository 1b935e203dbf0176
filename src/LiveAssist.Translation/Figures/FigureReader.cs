using System.Text.RegularExpressions;

namespace LiveAssist.Translation.Figures;

/// <summary>
/// Finds the figures a host says (prices in 元/块/毛 or dollars, quantities with measure words,
/// metric sizes and weights, "买二送一" offers) so they can be rendered per language and checked
/// in every translation.
/// </summary>
public static partial class FigureReader
{
    [GeneratedRegex(@"买\s*([0-9零〇一二两三四五六七八九十百千]+)\s*[个件套只双]?\s*[送赠]\s*([0-9零〇一二两三四五六七八九十]+)\s*[个件套只双]?", RegexOptions.CultureInvariant)]
    private static partial Regex BuyGetPattern();

    public static IReadOnlyList<Figure> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var figures = new List<Figure>();
        foreach (Match match in BuyGetPattern().Matches(text))
        {
            var bought = NumberRecognizer.Recognize(match.Groups[1].Value).FirstOrDefault();
            var free = NumberRecognizer.Recognize(match.Groups[2].Value).FirstOrDefault();
            if (bought is not null && free is not null)
            {
                figures.Add(new Figure(match.Index, match.Length, FigureKind.BuyGet, bought.Value, free.Value, null));
            }
        }

        foreach (var number in NumberRecognizer.Recognize(text))
        {
            if (figures.Any(f => number.Start < f.Start + f.Length && f.Start < number.Start + number.Length))
            {
                continue;
            }

            var written = text.Substring(number.Start, number.Length);
            var isChinese = !written.Any(char.IsAsciiDigit);
            var after = text[(number.Start + number.Length)..];
            var spaces = after.Length - after.TrimStart().Length;
            var rest = after.TrimStart();
            if (number.IsMoney)
            {
                var extra = rest.StartsWith('钱') ? spaces + 1 : 0;
                figures.Add(new Figure(number.Start, number.Length + extra, FigureKind.Money, number.Value, null, "CNY"));
            }
            else if (Currency(rest) is { } currency)
            {
                figures.Add(new Figure(number.Start, number.Length + spaces + currency.Length, FigureKind.Money, number.Value, null, currency.Code));
            }
            else if (UnitWords.Metric(rest) is { } metric)
            {
                figures.Add(new Figure(number.Start, number.Length + spaces + metric.Length, FigureKind.Metric, number.Value, null, metric.Symbol));
            }
            else if (number.Value == 1 && isChinese && spaces == 0 && rest.Length > 0 && UnitWords.MeasureGroup(rest[0]) is { } each
                && figures.LastOrDefault() is { Kind: FigureKind.Money } price && price.Start + price.Length == number.Start)
            {
                figures.Add(new Figure(number.Start, number.Length + 1, FigureKind.PerUnit, 1, null, each));
            }
            else if (rest.Length > 0 && UnitWords.MeasureGroup(rest[0]) is { } group)
            {
                figures.Add(new Figure(number.Start, number.Length + spaces + 1, FigureKind.Quantity, number.Value, null, group));
            }
            else if (!isChinese || written.Length > 1)
            {
                // A lone Chinese digit without a unit is usually part of a word (一起, 一下, 统一), not a figure.
                figures.Add(new Figure(number.Start, number.Length, FigureKind.Number, number.Value, null, null));
            }
        }

        return [.. figures.OrderBy(f => f.Start)];
    }

    /// <summary>Every number a correct translation of <paramref name="figures"/> must show.</summary>
    public static IReadOnlyList<decimal> Required(IEnumerable<Figure> figures) => [.. figures.SelectMany(f => f.RequiredValues())];

    private static (string Code, int Length)? Currency(string rest)
    {
        foreach (var (word, code) in CurrencyWords)
        {
            if (rest.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                return (code, word.Length);
            }
        }

        return null;
    }

    private static readonly (string Word, string Code)[] CurrencyWords =
    [
        ("人民币", "CNY"), ("美元", "USD"), ("美金", "USD"), ("块钱", "CNY"), ("块", "CNY"), ("元", "CNY"), ("rmb", "CNY"), ("yuan", "CNY"),
        ("usd", "USD"), ("dollars", "USD"), ("dollar", "USD"), ("刀", "USD"),
    ];
}
