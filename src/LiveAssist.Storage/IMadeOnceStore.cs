namespace LiveAssist.Storage;

/// <summary>
/// Results that are costly to make (a voiced presenter line) kept where every host finds them, with a short claim so
/// that of several hosts asked for the same thing at once only one makes it. Registered only when hosts share a store
/// (Redis); on one machine there is none and each result is made once by that machine's own cache.
/// </summary>
public interface IMadeOnceStore
{
    /// <summary>The stored result, or null when nobody has stored it (or the store is away).</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// A token when this host may make the result now (nobody else holds the claim, or the store is away and this host
    /// must make it itself); null when another host is making it. The claim lapses after <paramref name="hold"/>, so a
    /// host that dies while making it does not block the others for longer.
    /// </summary>
    Task<string?> ClaimAsync(string key, TimeSpan hold, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the claim for another <paramref name="hold"/> while the result is still being made; false when
    /// <paramref name="token"/> no longer holds it (it lapsed and another host took it).
    /// </summary>
    Task<bool> RenewAsync(string key, string token, TimeSpan hold, CancellationToken cancellationToken);

    /// <summary>True while some host holds the claim on making the result (false when the store is away).</summary>
    Task<bool> IsClaimedAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores the result for every host (bounded by the store's size cap and expiry; a larger one is not shared).</summary>
    Task SaveAsync(string key, byte[] value, CancellationToken cancellationToken);

    /// <summary>Gives the claim back, if <paramref name="token"/> still holds it.</summary>
    Task ReleaseAsync(string key, string token, CancellationToken cancellationToken);
}
