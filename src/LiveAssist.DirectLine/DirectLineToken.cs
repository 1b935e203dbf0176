namespace LiveAssist.DirectLine;

/// <summary>What a Direct Line token grants: one conversation, optionally bound to one user, until it expires.</summary>
public sealed record DirectLineToken(string ConversationId, string? UserId, string? UserName, string? Locale, DateTimeOffset ExpiresAt)
{
    /// <summary>When the conversation's first token was issued; refreshes keep it, so refreshing has an end.</summary>
    public DateTimeOffset StartedAt { get; init; } = ExpiresAt;
}
