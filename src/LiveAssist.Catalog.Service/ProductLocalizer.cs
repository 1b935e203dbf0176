using LiveAssist.Catalog.Client;

namespace LiveAssist.Catalog.Service;

/// <summary>
/// Answers a reader who asked for one language: every localized text becomes that language only,
/// falling back to English, then Chinese, when the catalog has no text in it.
/// </summary>
internal static class ProductLocalizer
{
    public static Product Localize(Product product, string lang) => new()
    {
        Id = product.Id,
        Shop = product.Shop is null ? null : new Shop { Id = product.Shop.Id, Name = One(product.Shop.Name, lang), Booth = product.Shop.Booth },
        Category = product.Category,
        Title = One(product.Title, lang),
        Description = One(product.Description, lang),
        Attributes = product.Attributes?.Select(a => new ProductAttribute { Name = One(a.Name, lang), Value = One(a.Value, lang) }).ToList(),
        Variants = product.Variants?.Select(v => new ProductVariant
        {
            Sku = v.Sku,
            Options = v.Options?.ToDictionary(o => o.Key, o => One(o.Value, lang)!),
        }).ToList(),
        Unit = One(product.Unit, lang),
        Moq = product.Moq,
        PriceTiers = product.PriceTiers,
        Stock = product.Stock,
        LeadTimeDays = product.LeadTimeDays,
        Customization = product.Customization,
        Samples = product.Samples,
        Certifications = product.Certifications,
        Shipping = product.Shipping,
        Images = product.Images,
        UpdatedAt = product.UpdatedAt,
    };

    private static LocalizedText? One(LocalizedText? text, string lang)
        => text?.For(lang) is { } value ? new LocalizedText { [lang] = value } : null;
}
