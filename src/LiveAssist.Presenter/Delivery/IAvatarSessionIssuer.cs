namespace LiveAssist.Presenter.Delivery;

/// <summary>
/// What one real-time avatar session needs from the vendor (Azure's, opened by the avatar page through the Speech JS SDK):
/// a short-lived token, the region and the WebRTC relay (TURN) credentials. The vendor adapter (<c>LiveAssist.Engines.Azure</c>)
/// implements it; without one the avatar is not configured.
/// </summary>
public interface IAvatarSessionIssuer
{
    bool IsConfigured { get; }

    /// <summary>
    /// A grant for one avatar session. Throws <see cref="AvatarRelayException"/> when the service gives no usable relay and
    /// <see cref="HttpRequestException"/> when it cannot be reached.
    /// </summary>
    Task<AvatarSessionGrant> IssueAsync(CancellationToken cancellationToken);
}

/// <param name="RenewAfterSeconds">When the page opens a new avatar session, ahead of the service's limit on one connection.</param>
/// <param name="TokenSeconds">How long the token stays valid.</param>
public sealed record AvatarSessionGrant(string Token, string? Region, IReadOnlyList<string> RelayUrls, string? RelayUsername, string? RelayCredential,
    int RenewAfterSeconds, int TokenSeconds);

/// <summary>The vendor answered, but with no relay the avatar page can use; the message says why (shown to the studio).</summary>
public sealed class AvatarRelayException : Exception
{
    public AvatarRelayException()
        : this("no relay")
    {
    }

    public AvatarRelayException(string message)
        : base(message)
    {
    }

    public AvatarRelayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>No avatar vendor registered.</summary>
internal sealed class NoAvatarSessions : IAvatarSessionIssuer
{
    public bool IsConfigured => false;

    public Task<AvatarSessionGrant> IssueAsync(CancellationToken cancellationToken) => throw new AvatarRelayException("no avatar service is configured");
}
