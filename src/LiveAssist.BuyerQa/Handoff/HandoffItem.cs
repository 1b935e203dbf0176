using LiveAssist.BotFramework.Schema;

namespace LiveAssist.BuyerQa.Handoff;

/// <summary>A buyer question waiting for the merchant (kept until answered).</summary>
public sealed record HandoffItem(
    string Id,
    string? SessionId,
    DateTimeOffset CreatedAt,
    string Status,
    string BuyerLanguage,
    string Question,
    string GistZh,
    string? QuestionZh,
    string Reason,
    string? ProductId,
    ConversationReference Reference,
    string? ReplyZh,
    string? ReplySent,
    DateTimeOffset? AnsweredAt)
{
    public const string Open = "open";
    public const string Answered = "answered";
}
