namespace LiveAssist.Catalog.Client.Tests;

/// <summary>The import and the studio form refuse the same products, naming what to fix in Chinese then English.</summary>
public sealed class ProductValidatorTests
{
    private static Product Valid() => new()
    {
        Id = "YW-100234",
        Title = new LocalizedText { ["zh"] = "不锈钢保温杯" },
        Moq = 500,
        PriceTiers =
        [
            new PriceTier { MinQty = 500, UnitPrice = 1.85m, Currency = "USD" },
            new PriceTier { MinQty = 3000, UnitPrice = 1.60m, Currency = "USD" },
        ],
        Stock = [new StockLevel { Warehouse = "Yiwu", Country = "CN", Qty = 0 }],
        LeadTimeDays = 7,
    };

    [Fact]
    public void AComplete_Product_IsAccepted() => Assert.Null(ProductValidator.Validate(Valid()));

    [Theory]
    [InlineData("id")]
    [InlineData("title")]
    [InlineData("moq")]
    [InlineData("priceTiers")]
    [InlineData("priceTiers[1]")]
    [InlineData("priceTiers[0].currency")]
    [InlineData("increasing minQty")]
    [InlineData("same currency")]
    [InlineData("stock")]
    [InlineData("leadTimeDays")]
    public void ABrokenField_IsRefused_NamingIt_ChineseFirst(string field)
    {
        var product = Valid();
        Break(product, field);

        var problem = ProductValidator.Validate(product);

        Assert.NotNull(problem);
        Assert.Contains(field, problem, StringComparison.Ordinal);
        Assert.True(problem[0] > '\u2E80', $"starts in Chinese: {problem}");
    }

    [Fact]
    public void AnEnglishOnlyTitle_IsEnough() => Assert.Null(ProductValidator.Validate(Set(Valid(), p => p.Title = new LocalizedText { ["en"] = "Flask" })));

    [Fact]
    public void ATitleOnlyInSpanish_IsRefused_AskingForChineseOrEnglish()
    {
        var problem = ProductValidator.Validate(Set(Valid(), p => p.Title = new LocalizedText { ["es"] = "Termo de acero" }));

        Assert.NotNull(problem);
        Assert.StartsWith("商品名称至少要有中文或英文", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ARegionalChineseTitle_IsEnough() => Assert.Null(ProductValidator.Validate(Set(Valid(), p => p.Title = new LocalizedText { ["zh-CN"] = "保温杯", ["es"] = "Termo" })));

    [Fact]
    public void Nothing_IsNotAProduct() => Assert.NotNull(ProductValidator.Validate(null));

    private static void Break(Product p, string field)
    {
        switch (field)
        {
            case "id": p.Id = "YW 100234"; break;
            case "title": p.Title = new LocalizedText { ["zh"] = "  ", ["en"] = string.Empty }; break;
            case "moq": p.Moq = 0; break;
            case "priceTiers": p.PriceTiers = []; break;
            case "priceTiers[1]": p.PriceTiers![1].UnitPrice = 0; break;
            case "priceTiers[0].currency": p.PriceTiers![0].Currency = "usd"; break;
            case "increasing minQty": p.PriceTiers![1].MinQty = 500; break;
            case "same currency": p.PriceTiers![1].Currency = "EUR"; break;
            case "stock": p.Stock![0].Country = "China"; break;
            default: p.LeadTimeDays = 400; break;
        }
    }

    private static Product Set(Product product, Action<Product> change)
    {
        change(product);
        return product;
    }
}
