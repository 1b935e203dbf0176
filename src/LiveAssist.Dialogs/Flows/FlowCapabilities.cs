namespace LiveAssist.Dialogs.Flows;

/// <summary>
/// What flows may name, gathered from the registered operations, answer recognizers and cards, so a
/// flow naming something that does not exist is refused when it is loaded, not when a buyer reaches it.
/// </summary>
public sealed record FlowCapabilities(
    IReadOnlySet<string> Operations,
    IReadOnlySet<string> Expectations,
    IReadOnlySet<string> Cards,
    IReadOnlySet<string> Intents,
    IReadOnlySet<string> TurnVariables)
{
    /// <summary>The operation a <c>handoff</c> step calls.</summary>
    public const string HandoffOperation = "merchant.handoff";

    /// <summary>Variables every turn has before any step runs; conversation.lastProductId is kept by the Q&amp;A operations.</summary>
    public static readonly IReadOnlySet<string> StandardTurnVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "turn.text", "turn.language", "turn.intent", "turn.quantity", "turn.country", "turn.incoterm", "turn.productId",
        "turn.event", "turn.eventValue", "turn.channel", "turn.conversationType", "turn.sessionId", "turn.currentProductId",
        "conversation.lastProductId", "conversation.lastQuantity", "conversation.lastCountry", "conversation.lastIncoterm", "conversation.lastQuestion", "user.language",
    };
}
