namespace LiveAssist.DirectLine;

/// <summary>Who is calling Direct Line: the secret holder (any conversation) or a token holder (one conversation).</summary>
public sealed record DirectLineCaller(bool IsSecret, DirectLineToken? Token)
{
    public bool CanAccess(string conversationId) => IsSecret || string.Equals(Token?.ConversationId, conversationId, StringComparison.Ordinal);
}
