namespace LiveAssist.Sessions;

/// <summary>
/// Where live sessions are kept: SQLite (<see cref="SqliteSessionStore"/>) on one machine, Redis when several hosts serve
/// the same lives (<c>Redis:Configuration</c>, LiveAssist.Redis). A save replaces the whole session.
/// </summary>
public interface ISessionStore
{
    Task SaveAsync(LiveSession session, CancellationToken cancellationToken);

    Task<LiveSession?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>An account's lives, live and ended, newest first.</summary>
    Task<IReadOnlyList<LiveSession>> ListByOwnerAsync(string owner, int limit, CancellationToken cancellationToken);

    /// <summary>The most recently started session that has not ended (where buyers without a session id go).</summary>
    Task<LiveSession?> GetLatestLiveAsync(CancellationToken cancellationToken);
}
