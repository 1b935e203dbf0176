namespace LiveAssist.Catalog.Service;

/// <summary>
/// Rough door-to-door days for the quote: sea freight from Ningbo/Shanghai by destination region
/// (rail to Russia and Central Asia), a few days from an overseas warehouse in the buyer's own country,
/// a week from one in the same region. Estimates, and labelled so in answers.
/// </summary>
internal static class ShippingEstimator
{
    private static readonly Dictionary<string, string> RegionOf = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = "NA", ["CA"] = "NA", ["MX"] = "LATAM",
        ["BR"] = "LATAM", ["AR"] = "LATAM", ["CL"] = "LATAM", ["CO"] = "LATAM", ["PE"] = "LATAM",
        ["ES"] = "EU", ["PT"] = "EU", ["FR"] = "EU", ["DE"] = "EU", ["IT"] = "EU", ["NL"] = "EU", ["PL"] = "EU", ["GB"] = "EU", ["BE"] = "EU",
        ["AE"] = "ME", ["SA"] = "ME", ["QA"] = "ME", ["KW"] = "ME", ["OM"] = "ME", ["BH"] = "ME", ["EG"] = "ME", ["JO"] = "ME", ["IQ"] = "ME", ["TR"] = "ME",
        ["RU"] = "CIS", ["KZ"] = "CIS", ["UZ"] = "CIS", ["BY"] = "CIS", ["KG"] = "CIS",
        ["ID"] = "SEA", ["VN"] = "SEA", ["TH"] = "SEA", ["MY"] = "SEA", ["PH"] = "SEA", ["SG"] = "SEA",
        ["NG"] = "AF", ["KE"] = "AF", ["GH"] = "AF", ["ZA"] = "AF", ["MA"] = "AF", ["DZ"] = "AF",
        ["AU"] = "OC", ["NZ"] = "OC", ["JP"] = "EA", ["KR"] = "EA", ["CN"] = "CN",
    };

    private static readonly Dictionary<string, int> DaysFromChina = new(StringComparer.Ordinal)
    {
        ["NA"] = 30, ["LATAM"] = 40, ["EU"] = 35, ["ME"] = 25, ["CIS"] = 25, ["SEA"] = 12, ["AF"] = 40, ["OC"] = 22, ["EA"] = 7, ["CN"] = 3,
    };

    public static string? Region(string? country) => country is null ? null : RegionOf.GetValueOrDefault(country);

    /// <summary>Transit days from a warehouse country to the buyer's country (null country: from China's port).</summary>
    public static int TransitDays(string fromCountry, string? toCountry)
    {
        if (toCountry is null)
        {
            return 0; // EXW/FOB without a destination: ready at the port
        }

        if (string.Equals(fromCountry, toCountry, StringComparison.OrdinalIgnoreCase))
        {
            return 3;
        }

        var toRegion = Region(toCountry) ?? "UNKNOWN";
        if (!string.Equals(fromCountry, "CN", StringComparison.OrdinalIgnoreCase))
        {
            return Region(fromCountry) == toRegion ? 7 : 14;
        }

        return DaysFromChina.GetValueOrDefault(toRegion, 35);
    }
}
