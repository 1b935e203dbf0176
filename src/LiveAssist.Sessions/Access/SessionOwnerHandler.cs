using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace LiveAssist.Sessions.Access;

/// <summary>A live belongs to the account that started it; lives started with the bare API (no sign-in) belong to no account.</summary>
public sealed class SessionOwnerRequirement : IAuthorizationRequirement;

internal sealed class SessionOwnerHandler : AuthorizationHandler<SessionOwnerRequirement, LiveSession>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SessionOwnerRequirement requirement, LiveSession resource)
    {
        if (IsOwner(context.User, resource))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static bool IsOwner(ClaimsPrincipal user, LiveSession session)
        => user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            && (user.IsInRole(StudioRoles.Merchant) || user.IsInRole(StudioRoles.Editor))
            && !string.IsNullOrEmpty(session.Owner)
            && string.Equals(session.Owner, name, StringComparison.OrdinalIgnoreCase);
}
