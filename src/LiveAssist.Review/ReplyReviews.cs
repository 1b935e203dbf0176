namespace LiveAssist.Review;

/// <summary>A reply to a buyer that the review fired on: the bot's answer or the merchant's, as written and as sent.</summary>
/// <param name="Source"><c>bot</c> or <c>merchant</c>.</param>
public sealed record ReviewedReply(string Id, string? SessionId, DateTimeOffset At, string Source, string Lang, string Said, string Sent, IReadOnlyList<ReviewFinding> Findings)
{
    public const string Bot = "bot";
    public const string Merchant = "merchant";
}

/// <summary>Where reviewed replies are kept for the live's review record (<c>GET /api/sessions/{id}/review</c>).</summary>
public interface IReplyReviewLog
{
    Task AddAsync(ReviewedReply reply, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReviewedReply>> ListAsync(string sessionId, CancellationToken cancellationToken);
}
