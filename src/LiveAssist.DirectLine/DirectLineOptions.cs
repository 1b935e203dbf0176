using System.ComponentModel.DataAnnotations;

namespace LiveAssist.DirectLine;

/// <summary>The embedded Direct Line 3.0 channel. Bound from <c>DirectLine</c>.</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The channel secret (server-side only). When empty, one is generated once and kept in the
    /// data directory, so tokens stay valid across restarts.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Browser origins allowed to call Direct Line (CORS). Empty in Development means any origin.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Lifetime of conversation tokens, in seconds (Direct Line's default is 1800).</summary>
    [Range(60, 86_400)]
    public int TokenLifetimeSeconds { get; set; } = 1800;

    /// <summary>The bot's account id on this channel.</summary>
    [Required]
    public string BotId { get; set; } = "liveassist-bot";

    [Required]
    public string BotName { get; set; } = "LiveAssist";

    /// <summary>How many activities a conversation keeps for late readers; older ones are dropped first.</summary>
    [Range(10, 100_000)]
    public int MaxActivitiesPerConversation { get; set; } = 2000;

    /// <summary>Conversations with no activity for this many minutes are forgotten.</summary>
    [Range(1, 10_080)]
    public int IdleConversationMinutes { get; set; } = 1440;
}
