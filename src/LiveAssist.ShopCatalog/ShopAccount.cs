using System.Security.Claims;
using LiveAssist.Sessions.Access;

namespace LiveAssist.ShopCatalog;

/// <summary>The shop a signed-in merchant manages: the shop id on their account, nothing a request can name.</summary>
internal static class ShopAccount
{
    public static string? ShopOf(ClaimsPrincipal user)
        => user.FindFirst(StudioRoles.ShopClaim)?.Value is { Length: > 0 } shop ? shop : null;
}
