using System.Text.RegularExpressions;
using LiveAssist.Catalog.Client;

namespace LiveAssist.Review.Catalog;

/// <summary>
/// Materials and origin the host states about the product on screen, held against the catalog's 材质 and 产地
/// attributes: "纯银的" about an alloy anklet, "304不锈钢" about a 201 flask, "德国原装进口" about a Yiwu product are
/// false claims (Advertising Law Art. 8 and 28: a product's material and place of origin must be stated truly).
/// A grade the catalog does not give (it says 不锈钢, the host says 304) cannot be verified: a warning.
/// </summary>
public static partial class MaterialClaims
{
    public const string MaterialRule = "catalog-material";
    public const string OriginRule = "catalog-origin";
    private const string Source = "《广告法》第八条、第二十八条（商品的性能、产地、成分须真实）；《网络直播营销管理办法（试行）》第十八条；商品目录";

    private sealed record Material(string Term, string Family, string? Grade);

    // Longest first, so 316L不锈钢 wins over 不锈钢 and 钢化玻璃 over 玻璃.
    private static readonly Material[] Lexicon = [.. new Material[]
    {
        new("316L不锈钢", "不锈钢", "316L"), new("316不锈钢", "不锈钢", "316"), new("304不锈钢", "不锈钢", "304"), new("201不锈钢", "不锈钢", "201"),
        new("430不锈钢", "不锈钢", "430"), new("不锈钢", "不锈钢", null),
        new("高硼硅玻璃", "玻璃", "高硼硅"), new("钢化玻璃", "玻璃", "钢化"), new("水晶玻璃", "玻璃", "水晶"), new("玻璃", "玻璃", null),
        new("骨瓷", "陶瓷", "骨瓷"), new("陶瓷", "陶瓷", null),
        new("食品级硅胶", "硅胶", null), new("硅胶", "硅胶", null),
        new("纯棉", "棉", "纯棉"), new("全棉", "棉", "纯棉"), new("棉质", "棉", null),
        new("涤纶", "涤纶", null), new("聚酯纤维", "涤纶", null), new("尼龙", "尼龙", null),
        new("桑蚕丝", "丝", "桑蚕丝"), new("真丝", "丝", "真丝"), new("丝绸", "丝", null), new("羊毛", "羊毛", null),
        new("头层牛皮", "真皮", "头层牛皮"), new("真皮", "真皮", null), new("牛皮", "真皮", null), new("PU皮", "PU皮", null),
        new("925银", "银", "925"), new("纯银", "银", "纯银"), new("足银", "银", "纯银"),
        new("纯金", "金", "纯金"), new("黄金", "金", null),
        new("纯铜", "铜", "纯铜"), new("黄铜", "铜", "黄铜"),
        new("铝合金", "铝", "铝合金"), new("锌合金", "合金", "锌合金"), new("合金", "合金", null),
        new("实木", "木", "实木"), new("榉木", "木", "榉木"), new("松木", "木", "松木"), new("木材", "木", null),
        new("竹子", "竹", null),
        new("Tritan", "塑料", "Tritan"), new("亚克力", "塑料", "亚克力"), new("ABS", "塑料", "ABS"), new("PP塑料", "塑料", "PP"), new("PP", "塑料", "PP"),
        new("PC", "塑料", "PC"), new("塑料", "塑料", null),
        new("TPU", "TPU", null), new("TPR", "TPR", null), new("帆布", "帆布", null), new("无纺布", "无纺布", null),
    }.OrderByDescending(m => m.Term.Length)];

    private static readonly Regex LexiconPattern = new(
        string.Join("|", Lexicon.Select(m => char.IsAsciiLetter(m.Term[0]) ? $"(?<![A-Za-z]){Regex.Escape(m.Term)}(?![A-Za-z])" : Regex.Escape(m.Term))),
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // The clause says what the product is made of ("是304不锈钢的", "材质是…", "纯银打造").
    [GeneratedRegex(@"材质|材料|面料|质地|用料|采用|用的|做的|制成|制作|打造|纯|全|是", RegexOptions.CultureInvariant)]
    private static partial Regex MaterialCue();

    // Parts and packaging have materials of their own; comparisons name other things.
    [GeneratedRegex(@"包装|盒|袋|纸箱|配件|盖子|盖|吸管|手柄|把手|底座|刷毛|绳|内胆外|比|像|不像|替代|代替|不用", RegexOptions.CultureInvariant)]
    private static partial Regex NotTheProduct();

    [GeneratedRegex(@"(?:不是|没有|并非|非|不含|无)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Denied();

    private static readonly Dictionary<string, string> Places = new(StringComparer.Ordinal)
    {
        ["中国"] = "中国", ["国产"] = "中国", ["义乌"] = "中国", ["浙江"] = "中国", ["广东"] = "中国", ["深圳"] = "中国", ["广州"] = "中国", ["福建"] = "中国", ["江苏"] = "中国", ["山东"] = "中国",
        ["日本"] = "日本", ["韩国"] = "韩国", ["德国"] = "德国", ["美国"] = "美国", ["意大利"] = "意大利", ["法国"] = "法国", ["英国"] = "英国", ["瑞士"] = "瑞士",
        ["瑞典"] = "瑞典", ["丹麦"] = "丹麦", ["西班牙"] = "西班牙", ["土耳其"] = "土耳其", ["越南"] = "越南", ["泰国"] = "泰国", ["印度"] = "印度", ["欧洲"] = "欧洲",
    };

    private static readonly Regex OriginPattern = new(
        $@"(?:产自|产于|产地(?:是|在)?|原产(?:地|于)?(?:是)?)\s*(?<place>{string.Join("|", Places.Keys)})|(?<place>{string.Join("|", Places.Keys)})\s*(?:制造|生产|产的|原装进口|进口|原装|出产)(?!\s*(?:的)?\s*(?:材料|原料|原材料|钢材|钢|板材|机芯|面料|配件|技术|设备|工艺|芯片|电机|零件))",
        RegexOptions.CultureInvariant);

    private static readonly string[] MaterialAttribute = ["材质", "材料", "material"];
    private static readonly string[] OriginAttribute = ["产地", "原产地", "origin", "made in", "country of origin"];

    public static void Check(string text, Product product, string id, List<ReviewFinding> findings, Func<string, int, (int From, int To)> clauseAround)
    {
        Materials(text, product, id, findings, clauseAround);
        Origin(text, product, id, findings, clauseAround);
    }

    private static void Materials(string text, Product product, string id, List<ReviewFinding> findings, Func<string, int, (int From, int To)> clauseAround)
    {
        if (Attribute(product, MaterialAttribute) is not { } catalogValue)
        {
            return;
        }

        var held = LexiconPattern.Matches(catalogValue).Select(m => Find(m.Value)).ToList();
        if (held.Count == 0)
        {
            return; // a material we cannot read: nothing to compare with
        }

        foreach (Match match in LexiconPattern.Matches(text))
        {
            var (from, to) = clauseAround(text, match.Index);
            var clause = text.AsSpan(from, to - from);
            if (!MaterialCue().IsMatch(clause) || NotTheProduct().IsMatch(clause) || Denied().IsMatch(text.AsSpan(from, match.Index - from)))
            {
                continue;
            }

            var said = Find(match.Value);
            var sameFamily = held.Where(h => h.Family == said.Family).ToList();
            string severity;
            string message;
            if (sameFamily.Count == 0)
            {
                severity = ReviewFinding.Block;
                message = $"说的材质“{match.Value}”和商品 {id} 的目录不一致：目录材质是“{catalogValue}”。这样说是虚假宣传，字幕和数字人不会播出这句。";
            }
            else if (said.Grade is null || sameFamily.Any(h => h.Grade == said.Grade))
            {
                continue;
            }
            else if (sameFamily.All(h => h.Grade is null))
            {
                severity = ReviewFinding.Warn;
                message = $"说的“{match.Value}”比目录写的“{catalogValue}”更具体，目录里核实不了。";
            }
            else
            {
                severity = ReviewFinding.Block;
                message = $"说的材质“{match.Value}”和商品 {id} 的目录不一致：目录材质是“{catalogValue}”。这样说是虚假宣传，字幕和数字人不会播出这句。";
            }

            findings.Add(new ReviewFinding(MaterialRule, severity, new FindingSpan(match.Index, match.Length, match.Value), message,
                $"按目录说材质“{catalogValue}”；若目录写错了，先在商品资料里改。", Source, "zh", "CN"));
            return;
        }
    }

    private static void Origin(string text, Product product, string id, List<ReviewFinding> findings, Func<string, int, (int From, int To)> clauseAround)
    {
        foreach (Match match in OriginPattern.Matches(text))
        {
            var place = match.Groups["place"];
            var (from, _) = clauseAround(text, match.Index);
            if (Denied().IsMatch(text.AsSpan(from, match.Index - from)))
            {
                continue;
            }

            var said = Places[place.Value];
            var catalogValue = Attribute(product, OriginAttribute);
            var catalog = catalogValue is null ? null : Places.FirstOrDefault(p => catalogValue.Contains(p.Key, StringComparison.Ordinal)).Value;
            if (catalog == said || (catalog is null && said == "中国"))
            {
                continue; // true, or a Chinese origin for a product sold by a Chinese shop
            }

            var span = new FindingSpan(match.Index, match.Length, match.Value);
            if (catalog is null)
            {
                // The catalog does not say: an imported or foreign origin is a claim the host must be able to prove.
                findings.Add(new ReviewFinding(OriginRule, ReviewFinding.Warn, span,
                    $"说商品 {id} 产地是{said}，但目录资料没有产地，核实不了。",
                    "先在商品资料的“产地”里写明（并备好报关或原产地证明），或不提产地。", Source, "zh", "CN"));
            }
            else
            {
                findings.Add(new ReviewFinding(OriginRule, ReviewFinding.Block, span,
                    $"说的产地“{place.Value}”和商品 {id} 的目录不一致：目录产地是“{catalogValue}”。这样说是虚假宣传，字幕和数字人不会播出这句。",
                    $"按目录说产地“{catalogValue}”。", Source, "zh", "CN"));
            }

            return;
        }
    }

    private static string? Text(LocalizedText? text, string lang) => text is not null && text.TryGetValue(lang, out var value) ? value : null;

    private static Material Find(string term)
        => Lexicon.First(m => string.Equals(m.Term, term, StringComparison.OrdinalIgnoreCase));

    // The attribute's Chinese value (else English): what the merchant wrote in the product form or sheet.
    private static string? Attribute(Product product, string[] names)
    {
        foreach (var attribute in product.Attributes ?? [])
        {
            var zh = Text(attribute.Name, "zh");
            var en = Text(attribute.Name, "en");
            if (names.Any(n => string.Equals(n, zh, StringComparison.OrdinalIgnoreCase) || string.Equals(n, en, StringComparison.OrdinalIgnoreCase)))
            {
                return Text(attribute.Value, "zh") is { Length: > 0 } value ? value : Text(attribute.Value, "en");
            }
        }

        return null;
    }
}
