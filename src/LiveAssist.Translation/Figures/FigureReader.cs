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

    /// <param name="spokenCurrency">What 块, 元 and 毛 mean on this live: the currency of the product on screen or of the
    /// session (a USD catalog's "一块八毛五" is US$1.85). 人民币 and RMB always mean CNY.</param>
    // "九折" pays 90%, "八五折" 85%, "7折" 70%, "8.5折" 85%.
    [GeneratedRegex(@"([一二三四五六七八九]|[1-9])([一二三四五六七八九]|[0-9]|\.[0-9])?\s*折", RegexOptions.CultureInvariant)]
    private static partial Regex DiscountPattern();

    [GeneratedRegex("百分之([零〇一二两三四五六七八九十百]+|[0-9]+(?:\\.[0-9]+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    public static IReadOnlyList<Figure> Read(string text, string spokenCurrency = "CNY")
    {
        ArgumentNullException.ThrowIfNull(text);
        var figures = new List<Figure>();
        foreach (Match match in DiscountPattern().Matches(text))
        {
            var tens = Digit(match.Groups[1].Value);
            var second = match.Groups[2].Value.TrimStart('.');
            var pays = tens * 10 + (second.Length > 0 ? Digit(second) : 0);
            if (pays is > 0 and < 100)
            {
                figures.Add(new Figure(match.Index, match.Length, FigureKind.Discount, 100 - pays, null, null));
            }
        }

        foreach (Match match in PercentPattern().Matches(text))
        {
            if (NumberRecognizer.Recognize(match.Groups[1].Value).FirstOrDefault() is { } percent && !Overlaps(figures, match.Index, match.Length))
            {
                figures.Add(new Figure(match.Index, match.Length, FigureKind.Percent, percent.Value, null, null));
            }
        }

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
            if (Overlaps(figures, number.Start, number.Length))
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
                var rmb = rest.TrimStart('钱').StartsWith("人民币", StringComparison.Ordinal);
                var extra = (rest.StartsWith('钱') ? spaces + 1 : 0) + (rmb ? (rest.StartsWith('钱') ? 3 : spaces + 3) : 0);
                figures.Add(new Figure(number.Start, number.Length + extra, FigureKind.Money, number.Value, null, rmb ? "CNY" : spokenCurrency));
            }
            else if (Currency(rest) is { } currency)
            {
                figures.Add(new Figure(number.Start, number.Length + spaces + currency.Length, FigureKind.Money, number.Value, null, currency.Code == Spoken ? spokenCurrency : currency.Code));
            }
            else if (rest.StartsWith('%') || rest.StartsWith('％'))
            {
                figures.Add(new Figure(number.Start, number.Length + spaces + 1, FigureKind.Percent, number.Value, null, null));
            }
            else if (Duration(rest) is { } duration && !(duration.Unit == "年" && number.Value >= 1900))
            {
                // "五分钟", "十五天", "三个月", "十年": a lone Chinese digit with a time unit is a figure too.
                figures.Add(new Figure(number.Start, number.Length + spaces + duration.Length, FigureKind.Quantity, number.Value, null, duration.Unit));
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

    private const string Spoken = "spoken";

    private static bool Overlaps(List<Figure> figures, int start, int length) => figures.Any(f => start < f.Start + f.Length && f.Start < start + length);

    private static int Digit(string text) => text.Length == 1 && char.IsAsciiDigit(text[0]) ? text[0] - '0'
        : "一二三四五六七八九".IndexOf(text, StringComparison.Ordinal) + 1;

    // Longest first; each maps to its entry in units.json "durations".
    private static readonly (string Word, string Unit)[] Durations =
    [
        ("个工作日", "工作日"), ("个小时", "小时"), ("个星期", "周"), ("个礼拜", "周"), ("工作日", "工作日"), ("分钟", "分钟"), ("小时", "小时"),
        ("星期", "周"), ("秒钟", "秒"), ("个月", "月"), ("周", "周"), ("秒", "秒"), ("年", "年"),
    ];

    private static (string Unit, int Length)? Duration(string rest)
    {
        foreach (var (word, unit) in Durations)
        {
            if (rest.StartsWith(word, StringComparison.Ordinal))
            {
                return (unit, word.Length);
            }
        }

        return null;
    }

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
        ("人民币", "CNY"), ("美元", "USD"), ("美金", "USD"), ("块钱", Spoken), ("块", Spoken), ("元", Spoken), ("rmb", "CNY"), ("yuan", "CNY"),
        ("usd", "USD"), ("dollars", "USD"), ("dollar", "USD"), ("刀", "USD"),
    ];
}
