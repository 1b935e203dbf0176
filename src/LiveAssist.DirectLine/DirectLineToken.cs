namespace LiveAssist.DirectLine;

/// <summary>What a Direct Line token grants: one conversation, optionally bound to one user, until it expires.</summary>
public sealed record DirectLineToken(string ConversationId, string? UserId, string? UserName, string? Locale, DateTimeOffset ExpiresAt);
