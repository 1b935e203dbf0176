namespace LiveAssist.Sessions;

/// <summary>
/// Where live sessions are kept: SQLite (<see cref="SqliteSessionStore"/>) on one machine, Redis when several hosts serve
/// the same lives (<c>Redis:Configuration</c>, LiveAssist.Redis). A save replaces the whole session.
/// </summary>
public interface ISessionStore
{
    Task SaveAsync(LiveSession session, CancellationToken cancellationToken);

    Task<LiveSession?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the session as stored now and saves it when the change says it changed
    /// something; null when there is no such session. A store shared by several hosts saves only if nobody saved the
    /// session in between, and otherwise applies the change again to the newer copy, so <paramref name="change"/> may run
    /// more than once and must only change the session it is given.
    /// </summary>
    async Task<LiveSession?> UpdateAsync(string id, Func<LiveSession, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } session)
        {
            return null;
        }

        if (change(session))
        {
            await SaveAsync(session, cancellationToken).ConfigureAwait(false);
        }

        return session;
    }

    /// <summary>An account's lives, live and ended, newest first.</summary>
    Task<IReadOnlyList<LiveSession>> ListByOwnerAsync(string owner, int limit, CancellationToken cancellationToken);

    /// <summary>The most recently started session that has not ended (where buyers without a session id go).</summary>
    Task<LiveSession?> GetLatestLiveAsync(CancellationToken cancellationToken);
}
