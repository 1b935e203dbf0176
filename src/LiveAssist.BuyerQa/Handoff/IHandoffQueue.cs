namespace LiveAssist.BuyerQa.Handoff;

/// <summary>
/// Buyer questions handed to the merchant: SQLite (<see cref="HandoffQueue"/>) on one machine; with <c>Redis:Configuration</c>
/// in Redis (LiveAssist.Redis), so a question asked through any host reaches the console on any host.
/// </summary>
public interface IHandoffQueue
{
    /// <summary>Queues the question, unless the conversation already has it (or too many) open: then the newest open one is returned.</summary>
    Task<HandoffItem> EnqueueAsync(HandoffItem item, CancellationToken cancellationToken);

    Task SaveAsync(HandoffItem item, CancellationToken cancellationToken);

    /// <summary>A session's handed-over questions (and those asked with no live on), oldest first; all, or those with <paramref name="status"/>.</summary>
    Task<IReadOnlyList<HandoffItem>> ListAsync(string sessionId, string? status, CancellationToken cancellationToken);

    Task<HandoffItem?> GetAsync(string id, CancellationToken cancellationToken);
}
