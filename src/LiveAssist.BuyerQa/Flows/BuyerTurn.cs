using LiveAssist.BuyerQa.Understanding;
using LiveAssist.Dialogs.Flows;
using LiveAssist.Sessions;

namespace LiveAssist.BuyerQa.Flows;

/// <summary>What the bot understood of this turn, handed to the flow operations through the turn state.</summary>
public sealed record BuyerTurn(BuyerQuestion Question, LiveSession? Session)
{
    public const string Key = "BuyerQa.Turn";

    public static BuyerTurn Of(FlowTurn turn)
        => turn.Context.TurnState.TryGetValue(Key, out var value) ? (BuyerTurn)value : throw new InvalidOperationException("The buyer turn is missing.");

    /// <summary>Intent names as flows write them: "leadTime", "quoteRequest", "none".</summary>
    public static string IntentName(BuyerIntent intent) => intent switch
    {
        BuyerIntent.None => "none",
        _ => char.ToLowerInvariant(intent.ToString()[0]) + intent.ToString()[1..],
    };

    public static readonly FlowIntents Intents = new([.. Enum.GetValues<BuyerIntent>().Select(IntentName)]);
}
