using System.Security.Claims;
using LiveAssist.Operator.Accounts;
using LiveAssist.Operator.History;
using LiveAssist.Sessions.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveAssist.Operator.Endpoints;

/// <summary>
/// <c>/api/account</c>: the studio's sign-in, with answers a merchant reads (Chinese first). Same accounts,
/// cookie and server-side sessions as <c>/operator/login</c>.
/// </summary>
public static class AccountEndpoints
{
    private const int MaxNameChars = 100;
    private const int MaxPasswordChars = 200;

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app, string signInRateLimitPolicy)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/account").DisableAntiforgery();
        group.MapPost("/signin", SignInAsync).RequireRateLimiting(signInRateLimitPolicy);
        group.MapPost("/signout", async (HttpContext context, IOperatorSessions sessions, CancellationToken ct) =>
        {
            await AccountSignIn.SignOutAsync(context, sessions, ct).ConfigureAwait(false);
            return Results.NoContent();
        });
        group.MapGet("/me", Me);
        if (app.ServiceProvider.GetRequiredService<IOptions<OperatorOptions>>().Value.OpenIdConnect.IsConfigured)
        {
            group.MapGet("/oidc", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [OperatorAuthentication.OpenIdScheme]));
        }

        return app;
    }

    private static async Task<IResult> SignInAsync(SignInRequest? request, HttpContext context, OperatorAccounts accounts, IOperatorSessions sessions,
        ContentHistory history, CancellationToken cancellationToken)
    {
        if (request?.Name is not { Length: > 0 and <= MaxNameChars } || request.Password is not { Length: > 0 and <= MaxPasswordChars })
        {
            return Results.Problem(statusCode: 400, title: "请填写账号和密码", detail: "账号和密码都要填写（账号最多 100 个字符）。Enter a name and a password.");
        }

        var account = accounts.Verify(request.Name, request.Password);
        if (account is null)
        {
            await history.AuditAsync(request.Name, "sign-in refused", null, null, cancellationToken).ConfigureAwait(false);
            return Results.Problem(statusCode: 401, title: "登录失败", detail: "账号或密码不对，请再试一次。The name or password is wrong.");
        }

        await AccountSignIn.SignInAsync(context, account, sessions, cancellationToken).ConfigureAwait(false);
        await history.AuditAsync(account.Name, "sign-in", null, null, cancellationToken).ConfigureAwait(false);
        return Results.Ok(View(account.Name, account.Role, account.ShopId));
    }

    /// <summary>Who is signed in, or how to sign in (OpenID Connect, or the account the first start created).</summary>
    private static IResult Me(ClaimsPrincipal user, OperatorAccounts accounts, IOptions<OperatorOptions> options)
        => user.Identity?.IsAuthenticated == true
            ? Results.Ok(View(user.Identity.Name, OperatorAuthentication.RoleOf(user), user.FindFirst(StudioRoles.ShopClaim)?.Value))
            : Results.Ok(new
            {
                signedIn = false,
                openIdConnect = options.Value.OpenIdConnect.IsConfigured,
                // Where the first start put the password: a file on the server, never the password itself.
                bootstrapPasswordFile = accounts.BootstrapPasswordFile,
            });

    private static object View(string? name, string role, string? shopId) => new
    {
        signedIn = true,
        name,
        role,
        shopId,
        canStartLives = role is StudioRoles.Merchant or StudioRoles.Editor,
    };
}
