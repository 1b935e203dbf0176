using LiveAssist.BotFramework.Schema;

namespace LiveAssist.DirectLine;

/// <summary>What Direct Line hands a client: activities and the watermark to ask from next time.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string Watermark);
