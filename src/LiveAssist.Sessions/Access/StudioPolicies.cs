using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveAssist.Sessions.Access;

/// <summary>
/// The roles of the one sign-in shared by the studio (<c>/</c>) and the operator page, and the studio's
/// authorization policies, registered here and nowhere else.
/// </summary>
public static class StudioPolicies
{
    /// <summary>Starts and runs lives (and, as the operator page's editor, also edits the bot's texts).</summary>
    public const string Merchant = "studio.merchant";

    /// <summary>Any signed-in account: may look, not start lives.</summary>
    public const string Viewer = "studio.viewer";

    /// <summary>Resource policy on a <see cref="LiveSession"/>: the signed-in merchant who started it.</summary>
    public const string SessionOwner = "studio.session-owner";

    /// <summary>
    /// On a <c>/api/sessions/{id}</c> endpoint: the live's host key (<see cref="HostKeys.Header"/>) or the signed-in
    /// merchant who started it. The admitted session is the endpoint's <see cref="AuthorizedSession"/>.
    /// </summary>
    public const string SessionHost = "studio.session-host";

    public static AuthorizationBuilder AddStudioPolicies(this AuthorizationBuilder builder, string cookieScheme)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, SessionOwnerHandler>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, SessionHostHandler>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, SessionHostResultHandler>());
        return builder
            .AddPolicy(Merchant, p => p.AddAuthenticationSchemes(cookieScheme).RequireRole(StudioRoles.Merchant, StudioRoles.Editor))
            .AddPolicy(Viewer, p => p.AddAuthenticationSchemes(cookieScheme).RequireRole(StudioRoles.Merchant, StudioRoles.Editor, StudioRoles.Viewer))
            .AddPolicy(SessionOwner, p => p.AddAuthenticationSchemes(cookieScheme).AddRequirements(new SessionOwnerRequirement()))
            .AddPolicy(SessionHost, p => p.AddAuthenticationSchemes(cookieScheme).AddRequirements(new SessionHostRequirement()));
    }
}

/// <summary>Role names carried in the sign-in cookie.</summary>
public static class StudioRoles
{
    public const string Merchant = "merchant";
    public const string Editor = "editor";
    public const string Viewer = "viewer";

    /// <summary>Claim with the merchant's shop in the catalog (the default shop of their lives).</summary>
    public const string ShopClaim = "liveassist:shop";

    public static bool IsKnown(string? role) => role is Merchant or Editor or Viewer;
}
