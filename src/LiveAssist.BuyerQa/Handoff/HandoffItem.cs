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
    /// <summary>What translated the question into Chinese (<c>offline-memory</c> for the phrasebook, an engine's name); null when nothing could.</summary>
    public string? QuestionZhEngine { get; init; }

    /// <summary>True when the product was not named by the buyer but assumed (the one on screen, or the last one discussed).</summary>
    public bool ProductAssumed { get; init; }

    /// <summary>What the buyer received, translated back into Chinese, so the merchant knows what was actually sent; null when nothing could.</summary>
    public string? ReplyBackZh { get; init; }

    /// <summary>What translated the reply, and its flags (<c>word-by-word</c>, <c>untranslated</c>...).</summary>
    public string? ReplyEngine { get; init; }

    public IReadOnlyList<string>? ReplyFlags { get; init; }

    public const string Open = "open";
    public const string Answered = "answered";
}
