using System.Globalization;
using System.Text.RegularExpressions;
using LiveAssist.Catalog.Client;
using LiveAssist.Translation.Figures;

namespace LiveAssist.Review.Catalog;

/// <summary>
/// What the host says about the product on screen, held against its catalog entry: certificates it does not have,
/// prices no tier has (or not the tier for the quantity named), an MOQ other than the catalog's, more stock than
/// there is. A contradiction is a finding; a certificate the catalog lacks blocks (a false mark in ten languages),
/// the figures warn (the host may be quoting a live-only offer the catalog has not caught up with).
/// </summary>
public static partial class CatalogClaims
{
    public const string CertificationRule = "catalog-certification";
    public const string PriceRule = "catalog-price";
    public const string MoqRule = "catalog-moq";
    public const string StockRule = "catalog-stock";
    private const string Source = "《广告法》第二十八条（虚假广告）；《网络直播营销管理办法（试行）》第十八条；商品目录";

    // Marks a host may claim. Matched as whole Latin words; "3C" is China's CCC.
    [GeneratedRegex(@"(?<![A-Za-z0-9])(CE|FCC|FDA|RoHS|LFGB|UL|ETL|CCC|3C|SGS|ISO\s?9001|ISO\s?14001|BSCI|REACH|EN\s?71|ASTM|CPC|GS|KC|PSE|UKCA|CPSIA|BPA\s?free)(?![A-Za-z0-9])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MarkPattern();

    [GeneratedRegex(@"认证|证书|认可|检测|报告|标志|资质|过了|通过|拿到|有", RegexOptions.CultureInvariant)]
    private static partial Regex CertificateWords();

    [GeneratedRegex(@"没有|没|无|不是|不带|不含|不用", RegexOptions.CultureInvariant)]
    private static partial Regex Negation();

    [GeneratedRegex(@"^\s*(?:就可以|就能|就)?\s*(?:起批|起订|起拿|起卖|起发|批发)", RegexOptions.CultureInvariant)]
    private static partial Regex MoqAfter();

    [GeneratedRegex(@"(?:起订量|起批量|起订|起批)\s*(?:是|为|只要|才)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MoqBefore();

    [GeneratedRegex(@"库存|现货|有货|备货", RegexOptions.CultureInvariant)]
    private static partial Regex StockWords();

    // Prices that are not the product's unit price: samples, logo, freight, totals.
    [GeneratedRegex(@"样品|打样|样板|logo|LOGO|定制|印字|运费|邮费|快递|总共|一共|总价|合计|定金|差价", RegexOptions.CultureInvariant)]
    private static partial Regex OtherPriceWords();

    [GeneratedRegex(@"以上|起|及以上|多于|超过", RegexOptions.CultureInvariant)]
    private static partial Regex TierWords();

    private const string Breaks = "，,。.！!？?；;\n";

    public static IEnumerable<ReviewFinding> Check(string text, Product product, int maxPerRule)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(product);
        var id = product.Id ?? "?";
        var findings = new List<ReviewFinding>();
        Certificates(text, product, id, findings, maxPerRule);

        var currency = product.PriceTiers is { Count: > 0 } t && t[0].Currency is { Length: > 0 } c ? c : "USD";
        var figures = FigureReader.Read(text, currency);
        Prices(text, product, id, currency, figures, findings, maxPerRule);
        Moq(text, product, id, figures, findings);
        Stock(text, product, id, figures, findings);
        MaterialClaims.Check(text, product, id, findings, static (t, i) => ClauseAround(t, i, 1));
        return findings;
    }

    private static void Certificates(string text, Product product, string id, List<ReviewFinding> findings, int max)
    {
        var held = (product.Certifications ?? []).Select(Normalize).ToHashSet(StringComparer.Ordinal);
        foreach (Match mark in MarkPattern().Matches(text))
        {
            var clause = ClauseAround(text, mark.Index, mark.Length);
            var before = text[clause.From..mark.Index];
            if (!CertificateWords().IsMatch(text.AsSpan(clause.From, clause.To - clause.From)) || Negation().IsMatch(before))
            {
                continue; // named without a claim ("CE 认证要另外做吗"), or denied ("没有 CE")
            }

            var name = Normalize(mark.Value);
            if (held.Contains(name) || (name == "3C" && held.Contains("CCC")) || (name == "CCC" && held.Contains("3C")))
            {
                continue;
            }

            var has = held.Count == 0 ? "目录里没有任何认证" : "目录里只有 " + string.Join("、", product.Certifications!);
            findings.Add(new ReviewFinding(CertificationRule, ReviewFinding.Block, Span(text, mark.Index, mark.Length),
                $"商品 {id} 的目录资料没有 {mark.Value.ToUpperInvariant()} 认证（{has}）：这样说是虚假宣传，字幕和数字人不会播出这句。",
                product.Certifications is { Count: > 0 } list ? $"只说目录里有的认证：{string.Join("、", list)}；若确有 {mark.Value.ToUpperInvariant()} 证书，先在商品资料里补上。" : $"不要提认证；若确有 {mark.Value.ToUpperInvariant()} 证书，先在商品资料里补上。",
                Source, "zh", "CN"));
            if (findings.Count(f => f.Rule == CertificationRule) >= max)
            {
                return;
            }
        }
    }

    private static void Prices(string text, Product product, string id, string currency, IReadOnlyList<Figure> figures, List<ReviewFinding> findings, int max)
    {
        var tiers = (product.PriceTiers ?? []).Where(t => string.Equals(t.Currency ?? currency, currency, StringComparison.OrdinalIgnoreCase)).OrderBy(t => t.MinQty).ToList();
        if (tiers.Count == 0)
        {
            return;
        }

        var count = 0;
        foreach (var price in figures.Where(f => f.Kind == FigureKind.Money && string.Equals(f.Unit, currency, StringComparison.OrdinalIgnoreCase)))
        {
            var clause = ClauseAround(text, price.Start, price.Length);
            if (OtherPriceWords().IsMatch(text.AsSpan(clause.From, clause.To - clause.From)))
            {
                continue;
            }

            // "五千个以上一块二": the price for that quantity is the tier it reaches; otherwise any tier's price is the catalog's.
            var quantity = figures.LastOrDefault(f => f.Kind == FigureKind.Quantity && f.Start >= clause.From && f.Start < price.Start
                && TierWords().IsMatch(text.AsSpan(f.Start + f.Length, Math.Min(4, clause.To - f.Start - f.Length))));
            var tier = quantity is null ? null : tiers.LastOrDefault(t => t.MinQty <= quantity.Value);
            var ok = tier is not null ? Math.Abs(tier.UnitPrice - price.Value) < 0.005m : tiers.Any(t => Math.Abs(t.UnitPrice - price.Value) < 0.005m);
            if (ok)
            {
                continue;
            }

            var table = string.Join("；", tiers.Select(t => $"{t.MinQty.ToString(CultureInfo.InvariantCulture)} 个起 {t.UnitPrice.ToString("0.00", CultureInfo.InvariantCulture)} {currency}"));
            var expected = tier is not null ? $"{quantity!.Value.ToString("0", CultureInfo.InvariantCulture)} 个的目录价是 {tier.UnitPrice.ToString("0.00", CultureInfo.InvariantCulture)} {currency}" : "目录里没有这个价格";
            findings.Add(new ReviewFinding(PriceRule, ReviewFinding.Warn, Span(text, price.Start, price.Length),
                $"说的价格 {price.Value.ToString("0.00", CultureInfo.InvariantCulture)} {currency} 和商品 {id} 的目录不一致：{expected}（{table}）。",
                "按目录价格说；若是直播间专享价，先在商品资料里改价，或说明是限时价。", Source, "zh", "CN"));
            if (++count >= max)
            {
                return;
            }
        }
    }

    private static void Moq(string text, Product product, string id, IReadOnlyList<Figure> figures, List<ReviewFinding> findings)
    {
        if (product.Moq is not { } moq)
        {
            return;
        }

        foreach (var quantity in figures.Where(f => f.Kind is FigureKind.Quantity or FigureKind.Number))
        {
            var said = MoqAfter().IsMatch(text.AsSpan(quantity.Start + quantity.Length)) || MoqBefore().IsMatch(text.AsSpan(0, quantity.Start));
            if (!said || quantity.Value == moq)
            {
                continue;
            }

            findings.Add(new ReviewFinding(MoqRule, ReviewFinding.Warn, Span(text, quantity.Start, quantity.Length),
                $"说的起批量 {quantity.Value.ToString("0", CultureInfo.InvariantCulture)} 和商品 {id} 的目录不一致：目录起批量是 {moq.ToString(CultureInfo.InvariantCulture)}。",
                $"按目录说“{moq.ToString(CultureInfo.InvariantCulture)} 个起批”；若这场直播放宽起批量，先在商品资料里改。", Source, "zh", "CN"));
            return;
        }
    }

    private static void Stock(string text, Product product, string id, IReadOnlyList<Figure> figures, List<ReviewFinding> findings)
    {
        if (product.Stock is not { Count: > 0 } stock)
        {
            return;
        }

        var total = stock.Sum(s => s.Qty);
        foreach (var quantity in figures.Where(f => f.Kind == FigureKind.Quantity && f.Unit is not ("小时" or "天" or "分钟" or "月" or "年" or "秒")))
        {
            var clause = ClauseAround(text, quantity.Start, quantity.Length);
            if (!StockWords().IsMatch(text.AsSpan(clause.From, clause.To - clause.From)) || quantity.Value <= total)
            {
                continue;
            }

            findings.Add(new ReviewFinding(StockRule, ReviewFinding.Warn, Span(text, quantity.Start, quantity.Length),
                $"说的库存 {quantity.Value.ToString("0", CultureInfo.InvariantCulture)} 比商品 {id} 目录里的库存多：目录共 {total.ToString(CultureInfo.InvariantCulture)}（{string.Join("，", stock.Select(s => $"{s.Warehouse} {s.Qty.ToString(CultureInfo.InvariantCulture)}"))}）。",
                "按目录库存说，或先在商品资料里更新库存。", Source, "zh", "CN"));
            return;
        }
    }

    private static (int From, int To) ClauseAround(string text, int start, int length)
    {
        var from = start;
        while (from > 0 && !Breaks.Contains(text[from - 1]))
        {
            from--;
        }

        var to = start + length;
        while (to < text.Length && !Breaks.Contains(text[to]))
        {
            to++;
        }

        return (from, to);
    }

    private static FindingSpan Span(string text, int start, int length) => new(start, length, text.Substring(start, length));

    private static string Normalize(string mark) => new string([.. mark.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
}
