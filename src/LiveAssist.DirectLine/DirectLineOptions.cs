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
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>Bytes (serialized JSON) a conversation keeps for late readers (512 KiB); older activities are dropped first.</summary>
    [Range(16 * 1024, 64L * 1024 * 1024)]
    public long MaxConversationBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// Bytes all conversations together may keep (128 MiB). Past it, buyers' new activities are refused with 503
    /// until idle conversations are forgotten: memory stays bounded whatever the number of tokens minted.
    /// </summary>
    [Range(1024 * 1024, 64L * 1024 * 1024 * 1024)]
    public long MaxTotalBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Conversations open at once (5,000); a new one past this is refused with 503.</summary>
    [Range(1, 10_000_000)]
    public int MaxConversations { get; set; } = 5000;

    /// <summary>Conversations with no activity for this many minutes are forgotten (60).</summary>
    [Range(1, 10_080)]
    public int IdleConversationMinutes { get; set; } = 60;

    /// <summary>
    /// How long a conversation's tokens may be refreshed, in minutes from the first token (1,440: a day). A client
    /// past it starts a new conversation; a leaked token does not live forever.
    /// </summary>
    [Range(1, 525_600)]
    public int MaxTokenAgeMinutes { get; set; } = 1440;
}
