using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Sessions.Access;

/// <summary>
/// Writes the session-host policy's refusals as the problem bodies clients know (404, 401, 403 in Chinese first) instead
/// of the cookie scheme's bare challenge; every other policy's answer is the framework's.
/// </summary>
internal sealed class SessionHostResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Succeeded && SessionHostRefusal.Of(context) is { } refusal)
        {
            await refusal.ToResult().ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
