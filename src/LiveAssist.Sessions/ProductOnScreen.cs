namespace LiveAssist.Sessions;

/// <summary>
/// What a live shows: the product on screen (set by the console, or named by the host in speech) and the product list
/// it joins. Each change goes through the <see cref="LiveSessionEditor"/>, so a product the console picks while the host
/// names another (or while the live's other settings change) is never lost to a stale copy.
/// </summary>
public sealed class ProductOnScreen(LiveSessionEditor editor)
{
    /// <summary>Puts <paramref name="productId"/> on screen (and at the end of the list if new); the live as saved, null when unknown.</summary>
    public Task<LiveSession?> ShowAsync(string sessionId, string productId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(productId);
        return editor.UpdateAsync(sessionId, session =>
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
        return editor.UpdateAsync(sessionId, session =>
        {
            session.ProductList = [.. productIds];
            return true;
        }, cancellationToken);
    }
}
