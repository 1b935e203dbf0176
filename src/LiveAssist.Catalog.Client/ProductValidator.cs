using System.Text.RegularExpressions;

namespace LiveAssist.Catalog.Client;

/// <summary>
/// The catalog's rules for one product, shared by the catalog's import and the studio's product form and
/// spreadsheet preview, so both refuse the same things. The first problem is reported in words an importer can
/// fix, Chinese first then English ("中文。English").
/// </summary>
public static partial class ProductValidator
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    public static string? Validate(Product? product)
    {
        if (product is null)
        {
            return "这一项是空的，不是商品。The item is null, not a product object.";
        }

        if (string.IsNullOrWhiteSpace(product.Id) || !IdPattern().IsMatch(product.Id))
        {
            return "商品编号必填：字母、数字、“-”“_”“.”，最多 64 个字符。id is required: letters, digits, '-', '_' or '.', at most 64 characters.";
        }

        if (product.Title is null || !product.Title.Any(t => (IsLanguage(t.Key, "zh") || IsLanguage(t.Key, "en")) && !string.IsNullOrWhiteSpace(t.Value)))
        {
            return "商品名称至少要有中文或英文。title needs at least a Chinese (zh) or English (en) text.";
        }

        if (product.Title.Values.Any(t => t.Length > 300))
        {
            return "商品名称最多 300 个字。title is longer than 300 characters.";
        }

        if (product.Moq is not > 0)
        {
            return "起订量要是大于 0 的整数。moq must be a whole number above 0.";
        }

        if (product.PriceTiers is not { Count: > 0 } tiers)
        {
            return "至少要有一档价格。priceTiers needs at least one tier.";
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (tier.MinQty <= 0 || tier.UnitPrice <= 0)
            {
                return $"第 {i + 1} 档价格的起订数量和单价都要大于 0。priceTiers[{i}] needs minQty and unitPrice above 0.";
            }

            if (tier.Currency is null || !CurrencyPattern().IsMatch(tier.Currency))
            {
                return $"第 {i + 1} 档价格的币种要写三个大写字母，比如 USD。priceTiers[{i}].currency must be an ISO 4217 code such as USD.";
            }

            if (i > 0 && tier.MinQty <= tiers[i - 1].MinQty)
            {
                return "价格阶梯要按起订数量从小到大排列。priceTiers must be in increasing minQty order.";
            }

            if (i > 0 && tier.Currency != tiers[0].Currency)
            {
                return "所有价格档要用同一种币种。all priceTiers must use the same currency.";
            }
        }

        foreach (var stock in product.Stock ?? [])
        {
            if (stock.Qty < 0 || string.IsNullOrWhiteSpace(stock.Warehouse) || stock.Country is null || !CountryPattern().IsMatch(stock.Country))
            {
                return "每条库存要有仓库名、两位国家代码（如 CN）和不小于 0 的数量。each stock entry needs a warehouse, an ISO 3166 country code and a qty of 0 or more.";
            }
        }

        if (product.LeadTimeDays is < 0 or > 365)
        {
            return "交期要在 0 到 365 天之间。leadTimeDays must be between 0 and 365.";
        }

        return product.Category is { Length: > 100 } ? "分类最多 100 个字符。category is longer than 100 characters." : null;
    }

    // Not LocalizedText.For: its fallback ends in "any language", so a title only in Spanish read as a Chinese one.
    // zh-CN and en-US are Chinese and English too.
    private static bool IsLanguage(string tag, string language)
        => tag.Equals(language, StringComparison.OrdinalIgnoreCase)
            || (tag.Length > language.Length && tag[language.Length] == '-' && tag.StartsWith(language, StringComparison.OrdinalIgnoreCase));
}
