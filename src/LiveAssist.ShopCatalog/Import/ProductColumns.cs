using System.Text;
using System.Text.RegularExpressions;

namespace LiveAssist.ShopCatalog.Import;

/// <summary>
/// The header row of an import: which column is which product field. Chinese headers (as in the template) and
/// English ones are both understood; <c>名称.es</c> / <c>title.es</c> is the title in Spanish, and so on for any language.
/// </summary>
internal sealed partial class ProductColumns
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["编号"] = "id", ["商品编号"] = "id", ["货号"] = "id", ["id"] = "id",
        ["名称"] = "title.zh", ["中文名称"] = "title.zh", ["商品名称"] = "title.zh", ["title"] = "title.zh",
        ["英文名称"] = "title.en",
        ["描述"] = "description.zh", ["中文描述"] = "description.zh", ["商品描述"] = "description.zh", ["description"] = "description.zh",
        ["英文描述"] = "description.en",
        ["单位"] = "unit.zh", ["unit"] = "unit.zh", ["英文单位"] = "unit.en",
        ["分类"] = "category", ["类目"] = "category", ["category"] = "category",
        ["起订量"] = "moq", ["起批量"] = "moq", ["moq"] = "moq",
        ["价格阶梯"] = "priceTiers", ["阶梯价"] = "priceTiers", ["价格"] = "priceTiers", ["pricetiers"] = "priceTiers", ["prices"] = "priceTiers",
        ["币种"] = "currency", ["货币"] = "currency", ["currency"] = "currency",
        ["库存"] = "stock", ["stock"] = "stock",
        ["交期"] = "leadTimeDays", ["交期天数"] = "leadTimeDays", ["交货期"] = "leadTimeDays", ["leadtimedays"] = "leadTimeDays", ["leadtime"] = "leadTimeDays",
        ["认证"] = "certifications", ["证书"] = "certifications", ["certifications"] = "certifications",
        ["图片"] = "images", ["图片链接"] = "images", ["images"] = "images",
        ["规格"] = "variants", ["颜色规格"] = "variants", ["variants"] = "variants",
        ["定制logo"] = "logo", ["可定制logo"] = "logo", ["logo"] = "logo",
        ["logo起订量"] = "logoMoq", ["logomoq"] = "logoMoq",
        ["样品价"] = "samplePrice", ["样品价格"] = "samplePrice", ["sampleprice"] = "samplePrice",
    };

    private static readonly Dictionary<string, string> LocalizedStems = new(StringComparer.Ordinal)
    {
        ["名称"] = "title", ["title"] = "title", ["描述"] = "description", ["description"] = "description", ["单位"] = "unit", ["unit"] = "unit",
    };

    [GeneratedRegex("^(?<stem>[^.]+)\\.(?<lang>[a-z]{2,3}(-[a-z]{2,4})?)$")]
    private static partial Regex LocalizedHeader();

    private ProductColumns(IReadOnlyDictionary<int, string> fields, IReadOnlyList<string> ignored, IReadOnlyDictionary<string, string> shownNames)
    {
        Fields = fields;
        Ignored = ignored;
        ShownNames = shownNames;
    }

    /// <summary>Column index → field key (<c>moq</c>, <c>title.es</c>, …).</summary>
    public IReadOnlyDictionary<int, string> Fields { get; }

    /// <summary>Headers that name no field: shown in the preview, so a misspelt column is not silently lost.</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>Field key → the header as the merchant wrote it, for messages.</summary>
    public IReadOnlyDictionary<string, string> ShownNames { get; }

    public static (ProductColumns? Columns, string? Problem) From(IReadOnlyList<string> header)
    {
        var fields = new Dictionary<int, string>();
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var written = header[i].Trim();
            if (written.Length == 0)
            {
                continue;
            }

            if (Field(written) is not { } field)
            {
                ignored.Add(written);
                continue;
            }

            if (!shown.TryAdd(field, written))
            {
                return (null, $"第 1 行有两列都是“{written}”，请删掉一列。Two columns have the same name; remove one.");
            }

            fields[i] = field;
        }

        if (!shown.ContainsKey("id"))
        {
            return (null, "第 1 行要有“编号”一列（可以先下载模板）。The first row needs an 'id' (编号) column; download the template.");
        }

        return (new ProductColumns(fields, ignored, shown), null);
    }

    private static string? Field(string written)
    {
        var key = written.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace('_', '.').Replace("(", ".", StringComparison.Ordinal).Replace(")", string.Empty, StringComparison.Ordinal);
        if (Aliases.TryGetValue(key, out var field))
        {
            return field;
        }

        var localized = LocalizedHeader().Match(key);
        return localized.Success && LocalizedStems.TryGetValue(localized.Groups["stem"].Value, out var stem) ? stem + "." + localized.Groups["lang"].Value : null;
    }
}
