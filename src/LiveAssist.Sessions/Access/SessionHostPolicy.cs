using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveAssist.Sessions.Access;

/// <summary>The caller runs the live in the route's <c>{id}</c>: its host key, or the signed-in merchant who started it.</summary>
public sealed class SessionHostRequirement : IAuthorizationRequirement;

/// <summary>
/// Loads the route's session once, keeps it for the endpoint (<see cref="AuthorizedSession"/>), and decides. A refusal
/// is kept on the request too: an unauthenticated failure reaches the result handler as a bare challenge, without reasons.
/// </summary>
internal sealed class SessionHostHandler : AuthorizationHandler<SessionHostRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SessionHostRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
        {
            return; // only the authorization middleware asks, with the request as the resource
        }

        var store = (ISessionStore)http.RequestServices.GetService(typeof(ISessionStore))!;
        var session = http.GetRouteValue("id") is string id
            ? await store.GetAsync(id, http.RequestAborted).ConfigureAwait(false)
            : null;
        if (session is null)
        {
            Refuse(context, http, SessionHostRefusal.UnknownSession());
            return;
        }

        if (HostKeys.Matches(session, HostKey(http)))
        {
            Admit(context, requirement, http, session);
            return;
        }

        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            // A sign-in cookie that came but is no longer good (expired, signed out, forged) is told apart from none at all.
            var expired = (await http.AuthenticateAsync().ConfigureAwait(false)).Failure is not null;
            Refuse(context, http, expired ? SessionHostRefusal.SignInExpired() : SessionHostRefusal.HostKeyNeeded());
            return;
        }

        if (SessionOwnerHandler.IsOwner(user, session))
        {
            Admit(context, requirement, http, session);
            return;
        }

        Refuse(context, http, SessionHostRefusal.NotYours());
    }

    // Browsers cannot set headers on a WebSocket: the host page's audio socket passes its key as ?key=.
    private static string? HostKey(HttpContext http)
    {
        var header = http.Request.Headers[HostKeys.Header].ToString();
        return header.Length == 0 && http.WebSockets.IsWebSocketRequest ? http.Request.Query["key"].ToString() : header;
    }

    private static void Admit(AuthorizationHandlerContext context, SessionHostRequirement requirement, HttpContext http, LiveSession session)
    {
        AuthorizedSession.Keep(http, session);
        context.Succeed(requirement);
    }

    private void Refuse(AuthorizationHandlerContext context, HttpContext http, SessionHostRefusal refusal)
    {
        SessionHostRefusal.Keep(http, refusal);
        context.Fail(new AuthorizationFailureReason(this, refusal.Title));
    }
}
