namespace LiveAssist.Sessions;

/// <summary>
/// The one writer of what a live shows: the product on screen (set by the console, or named by the host in speech)
/// and the product list it joins. Each change re-reads the live and saves it under that live's gate, so a product the
/// console picks while the host names another is never lost to a stale copy (on one host; across hosts the session
/// store's last write wins).
/// </summary>
public sealed class ProductOnScreen(ISessionStore store)
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Puts <paramref name="productId"/> on screen (and at the end of the list if new); the live as saved, null when unknown.</summary>
    public Task<LiveSession?> ShowAsync(string sessionId, string productId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(productId);
        return UpdateAsync(sessionId, session =>
        {
            var listed = session.ProductList.Contains(productId, StringComparer.OrdinalIgnoreCase);
            if (listed && string.Equals(session.CurrentProductId, productId, StringComparison.OrdinalIgnoreCase))
            {
                return false; // already on screen: nothing to write
            }

            session.CurrentProductId = productId;
            if (!listed)
            {
                session.ProductList.Add(productId);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>Replaces the list buyers number ("#3" is the third), leaving the product on screen as it is.</summary>
    public Task<LiveSession?> ListAsync(string sessionId, IReadOnlyList<string> productIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        return UpdateAsync(sessionId, session =>
        {
            session.ProductList = [.. productIds];
            return true;
        }, cancellationToken);
    }

    private async Task<LiveSession?> UpdateAsync(string sessionId, Func<LiveSession, bool> change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(sessionId) % Stripes)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false) is not { } session)
            {
                return null;
            }

            if (change(session))
            {
                await store.SaveAsync(session, cancellationToken).ConfigureAwait(false);
            }

            return session;
        }
        finally
        {
            gate.Release();
        }
    }
}
