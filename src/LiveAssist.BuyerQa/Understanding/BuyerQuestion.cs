namespace LiveAssist.BuyerQa.Understanding;

/// <summary>A buyer's message as understood: what is asked, about which product, for how many, to where.</summary>
public sealed record BuyerQuestion(
    string Text,
    string Language,
    BuyerIntent Intent,
    int? Quantity,
    string? Country,
    string? Incoterm,
    ProductReference Product)
{
    /// <summary>The colour asked for ("black", "pink"), as the <c>color.*</c> keys name it.</summary>
    public string? Color { get; init; }
}

/// <summary>How the buyer named the product.</summary>
public sealed record ProductReference(string? ProductId, bool IsCurrent, int? ListNumber, string? SearchText)
{
    public static readonly ProductReference None = new(null, false, null, null);

    public bool IsEmpty => ProductId is null && !IsCurrent && ListNumber is null && SearchText is null;
}
