namespace LiveAssist.Catalog.Client;

/// <summary>One page of search results.</summary>
public sealed record ProductPage(IReadOnlyList<Product> Items, int Total, int Page, int PageSize)
{
    /// <summary>How well each product matches the query, 0 to 1 (share of the buyer's words in its title); absent from catalogs that do not score.</summary>
    public IReadOnlyDictionary<string, double>? Scores { get; init; }
}

/// <summary>The price of a quantity of one product, and where it would ship from.</summary>
public sealed record Quote(
    string ProductId,
    int Qty,
    decimal UnitPrice,
    string Currency,
    decimal Total,
    int TierApplied,
    bool MoqMet,
    int Moq,
    int LeadTimeDays,
    string ShipFrom,
    string ShipFromCountry,
    int EstimatedDeliveryDays,
    string? Country,
    string? Incoterm);

/// <summary>A node of the category tree.</summary>
public sealed record Category(string Id, LocalizedText Name, IReadOnlyList<Category>? Children);

/// <summary>What a bulk upsert did; a bad item never blocks the good ones.</summary>
public sealed record UpsertResult(int Inserted, int Updated, IReadOnlyList<RejectedItem> Rejected);

public sealed record RejectedItem(int Index, string Error);
