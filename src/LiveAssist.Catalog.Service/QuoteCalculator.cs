using LiveAssist.Catalog.Client;

namespace LiveAssist.Catalog.Service;

/// <summary>
/// Prices a quantity from the tiers (the highest tier whose minQty the quantity reaches; below MOQ the
/// first tier, flagged), and picks where it ships from: an overseas warehouse in the buyer's country or
/// region when it holds the whole quantity, else Yiwu.
/// </summary>
internal static class QuoteCalculator
{
    public static Quote Calculate(Product product, int qty, string? country, string? incoterm)
    {
        ArgumentNullException.ThrowIfNull(product);
        var tiers = product.PriceTiers!;
        var tier = tiers.LastOrDefault(t => t.MinQty <= qty) ?? tiers[0];
        var moq = product.Moq ?? tiers[0].MinQty;
        var (shipFrom, shipCountry, ready) = ChooseWarehouse(product, qty, country);
        var leadTime = ready ? 1 : product.LeadTimeDays ?? 7;
        return new Quote(
            product.Id!,
            qty,
            tier.UnitPrice,
            tier.Currency ?? "USD",
            decimal.Round(tier.UnitPrice * qty, 2, MidpointRounding.AwayFromZero),
            tier.MinQty,
            qty >= moq,
            moq,
            leadTime,
            shipFrom,
            shipCountry,
            leadTime + ShippingEstimator.TransitDays(shipCountry, country),
            country,
            incoterm);
    }

    private static (string Warehouse, string Country, bool ReadyOverseas) ChooseWarehouse(Product product, int qty, string? country)
    {
        var stock = product.Stock ?? [];
        var overseas = stock.Where(s => s.Country != "CN" && s.Qty >= qty).ToList();
        var local = overseas.FirstOrDefault(s => string.Equals(s.Country, country, StringComparison.OrdinalIgnoreCase));
        var region = ShippingEstimator.Region(country);
        var nearby = region is null ? null : overseas.FirstOrDefault(s => ShippingEstimator.Region(s.Country) == region);
        if ((local ?? nearby) is { } chosen)
        {
            return (chosen.Warehouse!, chosen.Country!, true);
        }

        var yiwu = stock.FirstOrDefault(s => s.Country == "CN");
        return (yiwu?.Warehouse ?? "Yiwu", "CN", false);
    }
}
