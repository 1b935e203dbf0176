using System.Text.RegularExpressions;

namespace LiveAssist.Translation.Figures;

/// <summary>
/// The currencies a translation names, by symbol or word, in the caption languages: an engine that writes "1.85 yuan"
/// for a price the host said in a USD catalog's 块 changed the price as surely as one that wrote 18.5.
/// </summary>
public static partial class CurrencyMentions
{
    // Longest first within each alternation, so "US$" is USD and "R$" is BRL, not a bare "$".
    private static readonly (string Code, Regex Pattern)[] Currencies =
    [
        ("BRL", BrazilianReal()),
        ("USD", Dollar()),
        ("CNY", Yuan()),
        ("EUR", Euro()),
        ("GBP", Pound()),
        ("RUB", Rouble()),
    ];

    [GeneratedRegex(@"R\$|\bBRL\b|\breal brasileiro", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BrazilianReal();

    [GeneratedRegex(@"(?<!R)\$|\bUSD\b|\bdollars?\b|\bd[óo]lar(es)?\b|\bdollari?\b|доллар|دولار|đô la|ดอลลาร์|ドル|달러", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Dollar();

    [GeneratedRegex(@"[¥￥]|\bCNY\b|\bRMB\b|\byuan(es)?\b|\brenminbi\b|юан|يوان|nhân dân tệ|หยวน|人民元|위안", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Yuan();

    [GeneratedRegex(@"€|\bEUR\b|\beuros?\b|евро|يورو|ユーロ|유로", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Euro();

    [GeneratedRegex(@"£|\bGBP\b|\bpounds? sterling\b|фунт", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pound();

    [GeneratedRegex(@"₽|\bRUB\b|рубл|\brubles?\b|\brublos?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Rouble();

    public static IReadOnlySet<string> In(string translation)
    {
        ArgumentNullException.ThrowIfNull(translation);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var rest = translation;
        foreach (var (code, pattern) in Currencies)
        {
            if (pattern.IsMatch(rest))
            {
                found.Add(code);
                rest = pattern.Replace(rest, " "); // R$ counted as BRL is not also a dollar
            }
        }

        return found;
    }
}
