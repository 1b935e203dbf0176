namespace LiveAssist.Sessions;

/// <summary>
/// The one writer of a live once it is started: every change (the product on screen and the list, presenter settings,
/// ending it) re-reads the live and saves it under that live's gate, so two changes made at once both survive instead
/// of the later save writing back a stale copy. Across hosts the store does the same with a compare-and-set
/// (<see cref="ISessionStore.UpdateAsync"/>): a change saved by another host meanwhile is read and the change applied again.
/// </summary>
/// <remarks>
/// The glossary and script are set when the live is created (and filled by the preparers before its first save); no
/// endpoint edits them afterwards. Anything that does must come through here too.
/// </remarks>
public sealed class LiveSessionEditor(ISessionStore store)
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// Applies <paramref name="change"/> to the live as stored now and saves it when the change says it changed something;
    /// the live as it is afterwards, null when there is no such live.
    /// </summary>
    public async Task<LiveSession?> UpdateAsync(string sessionId, Func<LiveSession, bool> change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(change);
        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(sessionId) % Stripes)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await store.UpdateAsync(sessionId, change, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
