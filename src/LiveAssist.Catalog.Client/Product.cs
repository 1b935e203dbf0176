namespace LiveAssist.Catalog.Client;

/// <summary>A catalog product in the Chinagoods-style shape of the public contract.</summary>
public sealed class Product
{
    public string? Id { get; set; }
    public Shop? Shop { get; set; }
    public string? Category { get; set; }
    public LocalizedText? Title { get; set; }
    public LocalizedText? Description { get; set; }
    public List<ProductAttribute>? Attributes { get; set; }
    public List<ProductVariant>? Variants { get; set; }
    public LocalizedText? Unit { get; set; }
    public int? Moq { get; set; }
    public List<PriceTier>? PriceTiers { get; set; }
    public List<StockLevel>? Stock { get; set; }
    public int? LeadTimeDays { get; set; }
    public Customization? Customization { get; set; }
    public SampleOffer? Samples { get; set; }
    public List<string>? Certifications { get; set; }
    public ShippingFacts? Shipping { get; set; }
    public List<string>? Images { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

public sealed class Shop
{
    public string? Id { get; set; }
    public LocalizedText? Name { get; set; }
    public string? Booth { get; set; }
}

public sealed class ProductAttribute
{
    public LocalizedText? Name { get; set; }
    public LocalizedText? Value { get; set; }
}

public sealed class ProductVariant
{
    public string? Sku { get; set; }
    public Dictionary<string, LocalizedText>? Options { get; set; }
}

public sealed class PriceTier
{
    public int MinQty { get; set; }
    public decimal UnitPrice { get; set; }
    public string? Currency { get; set; }
}

public sealed class StockLevel
{
    public string? Warehouse { get; set; }
    public string? Country { get; set; }
    public int Qty { get; set; }
}

public sealed class Customization
{
    public bool Logo { get; set; }
    public int? LogoMoq { get; set; }
    public bool Packaging { get; set; }
}

public sealed class SampleOffer
{
    public bool Available { get; set; }
    public decimal? UnitPrice { get; set; }
    public string? Currency { get; set; }
}

public sealed class ShippingFacts
{
    public decimal? WeightKg { get; set; }
    public int? CartonQty { get; set; }
    public List<int>? CartonSizeCm { get; set; }
    public List<string>? Incoterms { get; set; }
    public string? Port { get; set; }
}
