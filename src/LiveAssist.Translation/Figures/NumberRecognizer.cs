using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LiveAssist.Translation.Figures;

/// <summary>
/// Finds numbers as buyers and hosts write them: 3000, 3,000, 3.000 (es/pt/ru/id grouping), 3 000,
/// 1.85 / 1,85, 3k, Arabic-Indic digits (٣٠٠٠), and Chinese numerals including money
/// (三千, 两万, 1.5万, 一块八毛五 = 1.85). Microsoft.Recognizers.Text is not obtainable here, so
/// this covers the forms that matter for quantities and prices.
/// </summary>
public static partial class NumberRecognizer
{
    // A space groups digits only before exactly three more ("4 5000pcs" is 4 and 5000, "3 000" is 3000).
    // Only Latin letters and digits block a number: in Chinese it follows a character directly ("2号5000个").
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(\d{1,3}(?:[,.\u00A0\u202F]\d{3}(?!\d)|[ ]\d{3}(?![\d.,]))+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)(\s?[kK千万](?![a-zA-Z]))?", RegexOptions.CultureInvariant)]
    private static partial Regex DigitNumber();

    // After 块 one digit (tenths) or 毛 and one digit (hundredths): "一块八毛五一个" is 1.85, then "一个".
    // "八毛五" (0.85) is tried before a plain numeral, or "八" alone would win the alternation.
    [GeneratedRegex("[零〇一二两三四五六七八九十]+[毛角][零〇一二三四五六七八九]?分?|[零〇一二两三四五六七八九十百千万亿]+(?:[块元](?:[零〇一二两三四五六七八九]?[毛角][零〇一二三四五六七八九]?分?|[零〇一二两三四五六七八九](?![十百千万亿毛角]))?)?", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseNumber();

    public static IReadOnlyList<RecognizedNumber> Recognize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var normalized = NormalizeDigits(text);
        var found = new List<RecognizedNumber>();
        foreach (Match match in DigitNumber().Matches(normalized))
        {
            if (ParseDigits(match.Groups[1].Value, match.Groups[2].Value) is { } value)
            {
                found.Add(Create(normalized, match.Index, match.Length, value, isMoney: false));
            }
        }

        foreach (Match match in ChineseNumber().Matches(normalized))
        {
            if (ParseChinese(match.Value) is { } value && !Overlaps(found, match.Index, match.Length))
            {
                found.Add(Create(normalized, match.Index, match.Length, value.Value, value.IsMoney));
            }
        }

        return [.. found.OrderBy(n => n.Start)];
    }

    private static RecognizedNumber Create(string text, int start, int length, decimal value, bool isMoney)
    {
        var after = text[(start + length)..];
        var before = text[..start];
        return new RecognizedNumber(value, start, length,
            after.Length > 24 ? after[..24] : after,
            before.Length > 24 ? before[^24..] : before,
            isMoney);
    }

    private static bool Overlaps(List<RecognizedNumber> found, int start, int length)
        => found.Any(n => start < n.Start + n.Length && n.Start < start + length);

    // Arabic-Indic and Persian digits, and full-width digits, to ASCII.
    private static string NormalizeDigits(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                >= '\uFF10' and <= '\uFF19' => (char)('0' + (c - '\uFF10')),
                '\u066B' => '.', // Arabic decimal separator
                '\u066C' => ',', // Arabic thousands separator
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static decimal? ParseDigits(string number, string suffix)
    {
        var compact = number.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal).Replace("\u202F", string.Empty, StringComparison.Ordinal);
        var lastDot = compact.LastIndexOf('.');
        var lastComma = compact.LastIndexOf(',');
        var lastSeparator = Math.Max(lastDot, lastComma);
        string canonical;
        if (lastSeparator < 0)
        {
            canonical = compact;
        }
        else
        {
            var decimals = compact.Length - lastSeparator - 1;
            var separators = compact.Count(c => c is '.' or ',');
            // "3,000" / "3.000" / "1.234.567": groups of three are thousands; "1.85" / "1,85": a decimal part.
            var isGrouping = decimals == 3 && (separators > 1 || compact.IndexOf(compact[lastSeparator]) == lastSeparator);
            var mixed = lastDot >= 0 && lastComma >= 0;
            if (mixed)
            {
                canonical = compact.Remove(lastSeparator, 1).Insert(lastSeparator, "|").Replace(".", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Replace('|', '.');
            }
            else if (isGrouping)
            {
                canonical = compact.Replace(".", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal);
            }
            else
            {
                canonical = compact.Replace(',', '.');
            }
        }

        if (!decimal.TryParse(canonical, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return suffix.Trim() switch
        {
            "k" or "K" or "千" => value * 1000,
            "万" => value * 10_000,
            _ => value,
        };
    }

    private static readonly Dictionary<char, int> Digits = new()
    {
        ['零'] = 0, ['〇'] = 0, ['一'] = 1, ['二'] = 2, ['两'] = 2, ['三'] = 3, ['四'] = 4, ['五'] = 5, ['六'] = 6, ['七'] = 7, ['八'] = 8, ['九'] = 9,
    };

    private static (decimal Value, bool IsMoney)? ParseChinese(string text)
    {
        var yuanAt = text.IndexOfAny(['块', '元']);
        var maoAt = text.IndexOfAny(['毛', '角']);
        if (yuanAt < 0 && maoAt < 0)
        {
            return ParseChineseInteger(text) is { } plain ? (plain, false) : null;
        }

        decimal total = 0;
        var rest = text;
        if (yuanAt >= 0)
        {
            total += ParseChineseInteger(text[..yuanAt]) ?? 0;
            rest = text[(yuanAt + 1)..];
        }

        var mao = rest.IndexOfAny(['毛', '角']);
        if (mao >= 0)
        {
            total += (ParseChineseInteger(rest[..mao]) ?? 0) / 10m;
            rest = rest[(mao + 1)..];
            // "八毛五": the digit after 毛 is fen (hundredths).
            var fen = rest.TrimEnd('分');
            if (fen.Length == 1 && Digits.TryGetValue(fen[0], out var f))
            {
                total += f / 100m;
            }
        }
        else if (rest.Length > 0)
        {
            // "一块八": the digit after 块 is mao (tenths).
            var tenths = rest.TrimEnd('分');
            if (tenths.Length == 1 && Digits.TryGetValue(tenths[0], out var t))
            {
                total += t / 10m;
            }
        }

        return (total, true);
    }

    private static decimal? ParseChineseInteger(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        decimal total = 0, section = 0, digit = 0;
        var sawDigit = false;
        foreach (var c in text)
        {
            if (Digits.TryGetValue(c, out var d))
            {
                digit = d;
                sawDigit = true;
                continue;
            }

            switch (c)
            {
                case '十': section += (sawDigit ? digit : 1) * 10; digit = 0; sawDigit = false; break;
                case '百': section += digit * 100; digit = 0; sawDigit = false; break;
                case '千': section += digit * 1000; digit = 0; sawDigit = false; break;
                case '万': total += (section + digit) * 10_000; section = 0; digit = 0; sawDigit = false; break;
                case '亿': total += (section + digit) * 100_000_000; section = 0; digit = 0; sawDigit = false; break;
                default: return null;
            }
        }

        var value = total + section + digit;
        return value == 0 && !text.Contains('零') && !text.Contains('〇') ? null : value;
    }
}
