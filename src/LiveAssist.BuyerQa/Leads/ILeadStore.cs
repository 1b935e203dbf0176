namespace LiveAssist.BuyerQa.Leads;

/// <summary>Buyers' quote requests: SQLite (<see cref="LeadStore"/>) on one machine, Redis with scale-out (LiveAssist.Redis).</summary>
public interface ILeadStore
{
    /// <summary>Keeps the lead, unless its conversation already left the same request or as many as the budget allows.</summary>
    Task AddAsync(Lead lead, CancellationToken cancellationToken);

    /// <summary>A session's leads, oldest first.</summary>
    Task<IReadOnlyList<Lead>> ListAsync(string sessionId, CancellationToken cancellationToken);
}
