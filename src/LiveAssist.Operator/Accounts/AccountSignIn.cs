using System.Security.Claims;
using LiveAssist.Sessions.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Operator.Accounts;

/// <summary>Issues the shared sign-in cookie for a verified account: name, role, shop and a server-side session id.</summary>
public static class AccountSignIn
{
    public static async Task SignInAsync(HttpContext context, OperatorAccount account, IOperatorSessions sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(sessions);
        var sessionId = await sessions.StartAsync(account.Name, cancellationToken).ConfigureAwait(false);
        List<Claim> claims = [new(ClaimTypes.Name, account.Name), new(ClaimTypes.Role, account.Role), new(OperatorSessions.ClaimType, sessionId)];
        if (!string.IsNullOrWhiteSpace(account.ShopId))
        {
            claims.Add(new Claim(StudioRoles.ShopClaim, account.ShopId));
        }

        await context.SignInAsync(OperatorRoles.Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, OperatorRoles.Scheme))).ConfigureAwait(false);
    }

    /// <summary>Ends the server-side session (every copy of the cookie stops working) and clears the cookie.</summary>
    public static async Task SignOutAsync(HttpContext context, IOperatorSessions sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sessions);
        if (context.User.FindFirst(OperatorSessions.ClaimType)?.Value is { } sessionId)
        {
            await sessions.EndAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }

        await context.SignOutAsync(OperatorRoles.Scheme).ConfigureAwait(false);
    }
}
