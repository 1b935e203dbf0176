using LiveAssist.Catalog.Client;

namespace LiveAssist.BuyerQa.Answers;

/// <summary>
/// A freight estimate for a quantity of one product to a country under an incoterm, from the product's shipping
/// data (unit weight, pieces per carton, carton size) and the operator's rate table. LCL sea freight by volume;
/// EXW leaves freight to the buyer, FOB adds only port charges, CIF/CFR sea freight, DDP duty and clearance too.
/// </summary>
public sealed class FreightEstimator(FreightRates rates)
{
    public FreightEstimate? Estimate(Product product, int qty, string country, string? incoterm, decimal unitPrice)
    {
        ArgumentNullException.ThrowIfNull(product);
        var shipping = product.Shipping;
        if (qty < 1 || shipping?.CartonQty is not { } perCarton || perCarton < 1 || shipping.CartonSizeCm is not { Count: 3 } size || rates.For(country) is not { } region)
        {
            return null;
        }

        var term = (incoterm ?? Preferred(shipping.Incoterms)).ToUpperInvariant();
        var cartons = (int)Math.Ceiling(qty / (double)perCarton);
        var cbm = Math.Round(cartons * size[0] * size[1] * size[2] / 1_000_000m, 2);
        var kg = Math.Round(qty * (shipping.WeightKg ?? 0), 1);
        var goods = Math.Round(unitPrice * qty, 2);
        var port = Math.Round(cbm * region.FobPerCbm, 2);
        var sea = Math.Round(Math.Max(cbm * region.SeaPerCbm, region.SeaMinimum), 2);
        var freight = term switch
        {
            "EXW" => 0m,
            "FOB" or "FCA" => port,
            "CIF" or "CFR" or "DAP" => port + sea,
            _ => port + sea + Math.Round(goods * region.DutyPercent / 100m, 2) + region.Clearance, // DDP
        };
        return new FreightEstimate(term, cartons, cbm, kg, freight, goods, goods + freight, rates.Currency, region.SeaDays);
    }

    /// <summary>The term a quote without one is given in: delivered duty paid when offered (what small buyers want), else CIF.</summary>
    private static string Preferred(IReadOnlyList<string>? offered)
        => offered is null || offered.Count == 0 ? "CIF"
            : offered.Contains("DDP", StringComparer.OrdinalIgnoreCase) ? "DDP"
            : offered.Contains("CIF", StringComparer.OrdinalIgnoreCase) ? "CIF" : offered[0];
}

public sealed record FreightEstimate(string Incoterm, int Cartons, decimal Cbm, decimal Kg, decimal Freight, decimal Goods, decimal Total, string Currency, int SeaDays);
