namespace LiveAssist.BuyerQa.Understanding;

/// <summary>What a buyer asks about. The order is the priority when a question touches several.</summary>
public enum BuyerIntent
{
    None,
    Human,
    Customization,
    Samples,
    Certifications,
    Payment,
    Moq,
    Price,
    Stock,
    LeadTime,
    Shipping,
    Colors,
    Specs,
}
