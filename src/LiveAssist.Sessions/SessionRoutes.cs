using LiveAssist.Sessions.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveAssist.Sessions;

/// <summary>
/// The one route tree of the session API, made once by the host and handed to each capability's <c>Map…</c>:
/// <c>/api/sessions</c>, and under it <c>/api/sessions/{id}</c> as a public group (overlay, OBS pages, exports) and
/// a host group behind <see cref="StudioPolicies.SessionHost"/>.
/// </summary>
public sealed class SessionRoutes
{
    public const string SessionPrefix = "/api/sessions/{id}";

    private SessionRoutes(RouteGroupBuilder collection)
    {
        Collection = collection;
        Public = collection.MapGroup("/{id}");
        Host = Public.MapGroup(string.Empty).RequireAuthorization(StudioPolicies.SessionHost);
    }

    /// <summary><c>/api/sessions</c>: creating and listing lives.</summary>
    public RouteGroupBuilder Collection { get; }

    /// <summary><c>/api/sessions/{id}</c> for anyone with the live's link.</summary>
    public RouteGroupBuilder Public { get; }

    /// <summary><c>/api/sessions/{id}</c> for the live's host key or owner; handlers take <see cref="AuthorizedSession"/>.</summary>
    public RouteGroupBuilder Host { get; }

    public static SessionRoutes Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return new SessionRoutes(endpoints.MapGroup("/api/sessions").DisableAntiforgery());
    }
}
