using LiveAssist.BuyerQa.Understanding;
using LiveAssist.Catalog.Client;

namespace LiveAssist.BuyerQa.Answers;

/// <summary>What the bot says, and what else follows from the question.</summary>
/// <param name="Said">The reply in the buyer's language, with the text key and slots it came from.</param>
/// <param name="Product">The product the answer is about, for the card and for "it" in the next question.</param>
/// <param name="Handoff">Why the merchant should see this question, when the bot could not fully answer it.</param>
/// <param name="Quote">A quote given for a quantity (kept as a lead).</param>
public sealed record QaAnswer(AnswerText Said, Product? Product, string? Handoff, Quote? Quote, BuyerQuestion Question)
{
    public string Text => Said.Text;

    /// <summary>Products the buyer may have meant, to choose from (the answer asks which).</summary>
    public IReadOnlyList<Product> Choices { get; init; } = [];

    /// <summary>True when the buyer named no product and the answer is about the one on screen (or the last one discussed).</summary>
    public bool ProductAssumed { get; init; }

    /// <summary>The name of the shop that sells the product, when it is not the live's own shop.</summary>
    public string? OtherShop { get; init; }
}

/// <summary>A text as said: its locale key and slots (so a flow can choose another text with the same facts) and the result.</summary>
public sealed record AnswerText(string Key, IReadOnlyDictionary<string, object?> Slots, string Text);

/// <summary>What the answerer knows about where the question was asked.</summary>
public sealed record QaContext(string? SessionId, string? CurrentProductId, IReadOnlyList<string> ProductList, string? LastProductId, string? ShopId = null);
