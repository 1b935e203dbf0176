using LiveAssist.BotFramework.Schema;

namespace LiveAssist.BotFramework.Pipeline;

/// <summary>What a processed turn hands back to the transport that delivered it.</summary>
/// <param name="InvokeResponse">The invoke answer, when the activity was an invoke.</param>
/// <param name="ExpectedReplies">Buffered replies, when the sender asked for <c>deliveryMode: expectReplies</c>.</param>
/// <param name="Failed">True when the bot threw (Direct Line reports this to the client as 502).</param>
public sealed record TurnResult(InvokeResponse? InvokeResponse, IReadOnlyList<Activity>? ExpectedReplies, bool Failed);
