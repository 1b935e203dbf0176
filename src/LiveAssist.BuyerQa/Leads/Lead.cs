namespace LiveAssist.BuyerQa.Leads;

/// <summary>A buyer's quote request, for the merchant to follow up.</summary>
public sealed record Lead(
    string Id,
    string? SessionId,
    DateTimeOffset CreatedAt,
    string ProductId,
    string ProductTitle,
    int Quantity,
    decimal UnitPrice,
    decimal Total,
    string Currency,
    string? Country,
    string BuyerLanguage,
    string Channel,
    string ConversationId,
    string? Contact,
    string Question);
