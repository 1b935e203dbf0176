using LiveAssist.Catalog.Client;

namespace LiveAssist.Catalog.Service.Tests;

/// <summary>What a buyer is quoted: the tier their quantity reaches, the MOQ flagged when they order less, and the nearest warehouse that holds it all.</summary>
public sealed class QuoteCalculatorTests
{
    private static Product Cup(int? moq = 500, params StockLevel[] stock) => new()
    {
        Id = "YW-100234",
        Moq = moq,
        LeadTimeDays = 10,
        PriceTiers =
        [
            new PriceTier { MinQty = 500, UnitPrice = 1.85m, Currency = "USD" },
            new PriceTier { MinQty = 3000, UnitPrice = 1.60m, Currency = "USD" },
            new PriceTier { MinQty = 10000, UnitPrice = 1.42m, Currency = "USD" },
        ],
        Stock = stock.Length > 0 ? [.. stock] : [new StockLevel { Warehouse = "Yiwu", Country = "CN", Qty = 100_000 }],
    };

    [Theory]
    [InlineData(500, 1.85)]
    [InlineData(2999, 1.85)]
    [InlineData(3000, 1.60)]
    [InlineData(25000, 1.42)]
    public void TheUnitPrice_IsTheHighestTierTheQuantityReaches(int qty, double unitPrice)
    {
        var quote = QuoteCalculator.Calculate(Cup(), qty, null, null);
        Assert.Equal((decimal)unitPrice, quote.UnitPrice);
        Assert.Equal(decimal.Round((decimal)unitPrice * qty, 2), quote.Total);
        Assert.True(quote.MoqMet);
    }

    [Fact]
    public void ABuyerOrderingBelowTheMoq_IsQuotedTheFirstTier_AndToldTheMoq()
    {
        var quote = QuoteCalculator.Calculate(Cup(moq: 800), 300, "BR", "CIF");
        Assert.False(quote.MoqMet);
        Assert.Equal(800, quote.Moq);
        Assert.Equal(1.85m, quote.UnitPrice);
        Assert.Equal(500, quote.TierApplied);
        Assert.Equal(("BR", "CIF"), (quote.Country, quote.Incoterm));
    }

    [Fact]
    public void WithoutAnMoq_TheFirstTierIsTheMinimum()
    {
        var quote = QuoteCalculator.Calculate(Cup(moq: null), 499, null, null);
        Assert.False(quote.MoqMet);
        Assert.Equal(500, quote.Moq);
    }

    [Fact]
    public void AWarehouseInTheBuyersCountryHoldingTheWholeOrder_ShipsIt_Faster()
    {
        var product = Cup(500,
            new StockLevel { Warehouse = "Yiwu", Country = "CN", Qty = 100_000 },
            new StockLevel { Warehouse = "São Paulo", Country = "BR", Qty = 5000 });

        var local = QuoteCalculator.Calculate(product, 2000, "BR", null);
        var tooMany = QuoteCalculator.Calculate(product, 6000, "BR", null);

        Assert.Equal(("São Paulo", "BR"), (local.ShipFrom, local.ShipFromCountry));
        Assert.Equal(("Yiwu", "CN"), (tooMany.ShipFrom, tooMany.ShipFromCountry));
        Assert.True(local.EstimatedDeliveryDays < tooMany.EstimatedDeliveryDays);
        Assert.Equal(product.LeadTimeDays, tooMany.LeadTimeDays);
    }

    [Fact]
    public void AWarehouseInTheSameRegion_IsPreferredToChina()
    {
        var product = Cup(500,
            new StockLevel { Warehouse = "Yiwu", Country = "CN", Qty = 100_000 },
            new StockLevel { Warehouse = "Madrid", Country = "ES", Qty = 5000 });
        var quote = QuoteCalculator.Calculate(product, 1000, "FR", null);
        Assert.Equal("ES", quote.ShipFromCountry);
        Assert.True(quote.EstimatedDeliveryDays < QuoteCalculator.Calculate(product, 1000, "BR", null).EstimatedDeliveryDays);
    }
}
