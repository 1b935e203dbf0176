using System.Security.Claims;

namespace LiveAssist.BotFramework.Authentication;

/// <summary>The outcome of checking an inbound request: who sent it, or why it is refused (401 or 403).</summary>
public sealed record AuthenticationResult(int StatusCode, ClaimsIdentity? Identity, string? CallerId, string? Reason)
{
    public bool Succeeded => StatusCode == 200;

    public static AuthenticationResult Anonymous { get; } = new(200, new ClaimsIdentity(), null, null);

    public static AuthenticationResult Success(ClaimsIdentity identity, string callerId) => new(200, identity, callerId, null);

    /// <summary>The caller did not prove who it is (missing, malformed, forged or expired token).</summary>
    public static AuthenticationResult Unauthorized(string reason) => new(401, null, null, reason);

    /// <summary>The caller is known but may not send this activity (endorsement or serviceUrl mismatch).</summary>
    public static AuthenticationResult Forbidden(string reason) => new(403, null, null, reason);
}
