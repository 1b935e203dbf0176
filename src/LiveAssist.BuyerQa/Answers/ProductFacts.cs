using LiveAssist.Catalog.Client;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.BuyerQa.Answers;

/// <summary>The parts of a product an answer quotes, in the buyer's language.</summary>
public sealed class ProductFacts(Product product, string language, LocaleTexts texts)
{
    public Product Product { get; } = product;

    public string Id => Product.Id ?? string.Empty;

    public string Title => Product.Title?.For(language) ?? Id;

    public string Unit => texts.Get(language, string.Equals(Product.Unit?.For("en"), "set", StringComparison.OrdinalIgnoreCase) ? "qa.unit.set" : "qa.unit.piece");

    public int Moq => Product.Moq ?? Product.PriceTiers?.FirstOrDefault()?.MinQty ?? 1;

    public PriceTier? FirstTier => Product.PriceTiers?.FirstOrDefault();

    public string Tiers => string.Join("; ", (Product.PriceTiers ?? []).Select(t => texts.Get(language, "qa.tier", new Dictionary<string, object?>
    {
        ["qty"] = t.MinQty,
        ["unit"] = Unit,
        ["price"] = BuyerCulture.Money(t.UnitPrice, t.Currency, language),
    })));

    public string Specs => string.Join("; ", (Product.Attributes ?? [])
        .Select(a => $"{a.Name?.For(language)}: {a.Value?.For(language)}")
        .Where(s => s.Length > 2));

    public Dictionary<string, object?> Slots() => new()
    {
        ["id"] = Id,
        ["title"] = Title,
        ["unit"] = Unit,
        ["moq"] = Moq,
        ["tiers"] = Tiers,
        ["price"] = FirstTier is { } t ? BuyerCulture.Money(t.UnitPrice, t.Currency, language) : string.Empty,
    };
}
