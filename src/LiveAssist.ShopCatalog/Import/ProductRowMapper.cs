using System.Globalization;
using System.Text;
using System.Text.Json;
using LiveAssist.Catalog.Client;

namespace LiveAssist.ShopCatalog.Import;

/// <summary>
/// One import row onto a product: the columns the sheet has replace those fields, every other field of an existing
/// product is kept (a price list does not wipe pictures or shipping facts). A cell that cannot be read is refused
/// with its column and value, Chinese first.
/// </summary>
internal static class ProductRowMapper
{
    private static readonly Dictionary<string, string> CurrencyWords = new(StringComparer.Ordinal)
    {
        ["美元"] = "USD", ["美金"] = "USD", ["人民币"] = "CNY", ["元"] = "CNY", ["欧元"] = "EUR", ["英镑"] = "GBP",
    };

    private static readonly char[] ListSeparators = [';', '|', '\n', '\r', '、'];

    public static string? IdOf(SheetRow row, ProductColumns columns)
        => columns.Fields.FirstOrDefault(f => f.Value == "id") is { Value: not null } id && id.Key < row.Cells.Count ? Normalize(row.Cells[id.Key]) : null;

    /// <summary>The product this row makes from <paramref name="existing"/> (or a new one), or why it cannot.</summary>
    public static (Product? Product, string? Error) Apply(SheetRow row, ProductColumns columns, Product? existing, Shop shop)
    {
        var product = existing is null ? new Product() : Clone(existing);
        string? currency = null;
        string? samplePrice = null;
        List<(int MinQty, decimal Price)>? tiers = null;
        foreach (var (index, field) in columns.Fields)
        {
            var cell = index < row.Cells.Count ? Normalize(row.Cells[index]) : string.Empty;
            if (cell.Length == 0)
            {
                continue; // an empty cell keeps what the product had
            }

            var name = columns.ShownNames[field];
            var error = field switch
            {
                "id" => Set(() => product.Id = cell),
                "category" => Set(() => product.Category = cell),
                "moq" => Whole(name, cell, v => product.Moq = v),
                "leadTimeDays" => Whole(name, cell, v => product.LeadTimeDays = v),
                "logoMoq" => Whole(name, cell, v => (product.Customization ??= new Customization()).LogoMoq = v),
                "priceTiers" => Tiers(name, cell, out tiers),
                "currency" => Currency(name, cell, out currency),
                "samplePrice" => Set(() => samplePrice = cell),
                "stock" => Stock(name, cell, product),
                "certifications" => Set(() => product.Certifications = [.. Split(cell, [.. ListSeparators, ',', '/', ' ']).Select(c => c.ToUpperInvariant()).Distinct().Take(20)]),
                "images" => Images(name, cell, product),
                "variants" => Variants(name, cell, product),
                "logo" => YesNo(name, cell, v => (product.Customization ??= new Customization()).Logo = v),
                _ => Localized(field, cell, product),
            };
            if (error is not null)
            {
                return (null, error);
            }
        }

        if (tiers is not null)
        {
            var code = currency ?? product.PriceTiers?.FirstOrDefault()?.Currency;
            if (code is null)
            {
                return (null, $"“{columns.ShownNames["priceTiers"]}”写了价格，但没有“币种”（USD、CNY…）。Prices need a currency column (USD, CNY, …).");
            }

            product.PriceTiers = [.. tiers.Select(t => new PriceTier { MinQty = t.MinQty, UnitPrice = t.Price, Currency = code })];
        }
        else if (currency is not null && product.PriceTiers is { Count: > 0 } kept)
        {
            kept.ForEach(t => t.Currency = currency);
        }

        if (samplePrice is not null)
        {
            if (!decimal.TryParse(samplePrice, NumberStyles.Number, CultureInfo.InvariantCulture, out var price) || price < 0)
            {
                return (null, $"“{columns.ShownNames["samplePrice"]}”：“{Short(samplePrice)}”不是价格。The sample price is not a number.");
            }

            product.Samples = new SampleOffer { Available = true, UnitPrice = price, Currency = product.PriceTiers?.FirstOrDefault()?.Currency ?? currency };
        }

        product.Shop = shop;
        product.UpdatedAt = DateTimeOffset.UtcNow;
        return ProductValidator.Validate(product) is { } invalid ? (null, invalid) : (product, null);
    }

    public static Product Clone(Product product)
        => JsonSerializer.Deserialize<Product>(JsonSerializer.SerializeToUtf8Bytes(product, CatalogJson.Options), CatalogJson.Options)!;

    // Full-width digits, colons and semicolons (typed with a Chinese IME) read as their ASCII forms.
    private static string Normalize(string cell) => cell.Normalize(NormalizationForm.FormKC).Trim();

    private static string? Set(Action set)
    {
        set();
        return null;
    }

    private static string? Whole(string name, string cell, Action<int> set)
    {
        if (!int.TryParse(cell.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            return $"“{name}”：“{Short(cell)}”不是整数。A column holds something that is not a whole number.";
        }

        set(value);
        return null;
    }

    private static string? YesNo(string name, string cell, Action<bool> set)
    {
        bool? value = cell.ToLowerInvariant() switch
        {
            "是" or "可以" or "有" or "yes" or "y" or "true" or "1" => true,
            "否" or "不可以" or "没有" or "无" or "no" or "n" or "false" or "0" => false,
            _ => null,
        };
        if (value is null)
        {
            return $"“{name}”要写“是”或“否”，现在是“{Short(cell)}”。A yes/no column holds something else.";
        }

        set(value.Value);
        return null;
    }

    private static string? Currency(string name, string cell, out string? currency)
    {
        currency = CurrencyWords.GetValueOrDefault(cell) ?? cell.ToUpperInvariant();
        return currency.Length == 3 && currency.All(char.IsAsciiLetterUpper) ? null
            : $"“{name}”：“{Short(cell)}”不是币种，请写 USD、CNY、EUR 这样的三个字母。The currency must be a code such as USD.";
    }

    // "500:1.85; 2000:1.62" — from 500 pieces 1.85 each, from 2000 1.62.
    private static string? Tiers(string name, string cell, out List<(int, decimal)>? tiers)
    {
        tiers = [];
        foreach (var part in Split(cell, ListSeparators))
        {
            var pair = part.Split([':', '='], 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2
                || !int.TryParse(pair[0].TrimEnd('+').Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var qty)
                || !decimal.TryParse(pair[1].TrimStart('$', '¥', '￥'), NumberStyles.Number, CultureInfo.InvariantCulture, out var price))
            {
                tiers = null;
                return $"“{name}”看不懂“{Short(part)}”，请写成“起订数量:单价”，几档用分号隔开，比如 500:1.85;2000:1.62。Write tiers as qty:price; qty:price, e.g. 500:1.85;2000:1.62.";
            }

            tiers.Add((qty, price));
        }

        return null;
    }

    // "义乌仓:CN:12000; 迪拜海外仓:AE:800"
    private static string? Stock(string name, string cell, Product product)
    {
        var stock = new List<StockLevel>();
        foreach (var part in Split(cell, ListSeparators))
        {
            var fields = part.Split(':', StringSplitOptions.TrimEntries);
            if (fields.Length != 3 || !int.TryParse(fields[2].Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var qty))
            {
                return $"“{name}”看不懂“{Short(part)}”，请写成“仓库:国家代码:数量”，比如 义乌仓:CN:12000;迪拜海外仓:AE:800。Write stock as warehouse:country:qty.";
            }

            stock.Add(new StockLevel { Warehouse = fields[0], Country = fields[1].ToUpperInvariant(), Qty = qty });
        }

        product.Stock = stock;
        return null;
    }

    // "YW-1-BLK=黑色/Black; YW-1-WHT=白色/White": a SKU per colour, the colour in Chinese and English.
    private static string? Variants(string name, string cell, Product product)
    {
        var variants = new List<ProductVariant>();
        foreach (var part in Split(cell, ListSeparators))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length is 0 or > 64 || pair[1].Length == 0)
            {
                return $"“{name}”看不懂“{Short(part)}”，请写成“SKU=颜色/英文颜色”，比如 YW-1-BLK=黑色/Black。Write variants as SKU=colour/English colour.";
            }

            var names = pair[1].Split('/', 2, StringSplitOptions.TrimEntries);
            var color = new LocalizedText { ["zh"] = names[0] };
            if (names.Length == 2 && names[1].Length > 0)
            {
                color["en"] = names[1];
            }

            variants.Add(new ProductVariant { Sku = pair[0], Options = new Dictionary<string, LocalizedText> { ["color"] = color } });
        }

        product.Variants = variants;
        return null;
    }

    private static string? Images(string name, string cell, Product product)
    {
        var images = Split(cell, [.. ListSeparators, ' ', ',']).ToList();
        var bad = images.FirstOrDefault(i => !IsPictureAddress(i));
        if (bad is not null || images.Count > 10)
        {
            return $"“{name}”里的“{Short(bad ?? cell)}”不是图片链接（要以 https:// 开头，最多 10 张）。Pictures must be https:// links, at most 10.";
        }

        product.Images = images;
        return null;
    }

    public static bool IsPictureAddress(string address)
        => address.Length <= 500
            && ((Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                || (address.StartsWith('/') && !address.StartsWith("//", StringComparison.Ordinal) && Uri.IsWellFormedUriString(address, UriKind.Relative)));

    private static string? Localized(string field, string cell, Product product)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        var language = field[(dot + 1)..];
        var text = field[..dot] switch
        {
            "title" => product.Title ??= new LocalizedText(),
            "description" => product.Description ??= new LocalizedText(),
            _ => product.Unit ??= new LocalizedText(),
        };
        text[language] = cell;
        return null;
    }

    private static IEnumerable<string> Split(string cell, char[] separators)
        => cell.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
