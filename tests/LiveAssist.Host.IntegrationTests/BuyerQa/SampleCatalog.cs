using System.Globalization;
using System.Text.Json;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.BuyerQa;

/// <summary>
/// The shipped sample catalog read straight from its file, so expected prices, totals and stock are
/// computed from the data rather than copied into tests.
/// </summary>
internal static class SampleCatalog
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Products = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "LiveAssist.Catalog.Service", "Data", "sample-catalog.json")));
        return document.RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.Clone());
    });

    public static JsonElement Product(string id) => Products.Value[id];

    public static string FirstId => Products.Value.Keys.Order(StringComparer.Ordinal).First();

    public static string TitleEn(string id) => Product(id).GetProperty("title").GetProperty("en").GetString()!;

    public static int Moq(string id) => Product(id).GetProperty("moq").GetInt32();

    public static IReadOnlyList<(int MinQty, decimal UnitPrice)> Tiers(string id)
        => [.. Product(id).GetProperty("priceTiers").EnumerateArray().Select(t => (t.GetProperty("minQty").GetInt32(), t.GetProperty("unitPrice").GetDecimal())).OrderBy(t => t.Item1)];

    /// <summary>The unit price of the highest tier the quantity reaches.</summary>
    public static decimal UnitPrice(string id, int qty) => Tiers(id).Last(t => t.MinQty <= qty).UnitPrice;

    public static int Stock(string id, string country)
        => Product(id).GetProperty("stock").EnumerateArray().Where(s => s.GetProperty("country").GetString() == country).Sum(s => s.GetProperty("qty").GetInt32());

    /// <summary>Money as a buyer in that language writes it (4,860.00 USD; 4.860,00 USD).</summary>
    public static string Money(decimal amount, string language) => amount.ToString("#,0.00", CultureInfo.GetCultureInfo(language)) + " USD";

    public static string Number(int value, string language) => value.ToString("#,0", CultureInfo.GetCultureInfo(language));
}
