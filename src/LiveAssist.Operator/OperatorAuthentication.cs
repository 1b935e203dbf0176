using System.Security.Claims;
using LiveAssist.Dialogs.Content;
using LiveAssist.Operator.Accounts;
using LiveAssist.Operator.History;
using LiveAssist.Sessions.Access;
using LiveAssist.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveAssist.Operator;

/// <summary>
/// The one sign-in of the studio (<c>/</c>) and the operator page: a cookie (HttpOnly, SameSite=Strict, path /)
/// issued for a configured account or by OpenID Connect, with the role merchant, editor or viewer. API calls
/// without it get 401, with too small a role 403 — never a redirect, which a script could not tell from success.
/// </summary>
public static class OperatorAuthentication
{
    public const string OpenIdScheme = "OperatorOidc";

    /// <summary>The sign-in cookie's name (kept from when it covered /operator only, so existing sign-ins stay valid).</summary>
    public const string CookieName = "liveassist.operator";

    public static string RoleOf(ClaimsPrincipal user)
        => user.IsInRole(OperatorRoles.Editor) ? OperatorRoles.Editor : user.IsInRole(OperatorRoles.Merchant) ? OperatorRoles.Merchant : OperatorRoles.Viewer;

    public static IServiceCollection AddOperator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Accounts.All(a => StudioRoles.IsKnown(a.Role)), "Operator:Accounts: every account's Role must be merchant, editor or viewer.")
            .Validate(o => o.Accounts.All(a => a.ShopId is null or { Length: <= 64 }), "Operator:Accounts: a ShopId has at most 64 characters.")
            .ValidateOnStart();
        var options = configuration.GetSection(OperatorOptions.SectionName).Get<OperatorOptions>() ?? new OperatorOptions();
        services.TryAddSingleton<OperatorAccounts>();
        services.AddHostedService<AccountsBootstrap>(); // the first start creates the account and says where its password is, before anyone signs in
        services.TryAddSingleton(sp => new OperatorSessions(sp.OpenDataFile("operator.db"), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IOperatorSessions>(sp => sp.GetRequiredService<OperatorSessions>());
        services.TryAddSingleton(sp => new ContentHistory(sp.OpenDataFile("operator.db"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IContentChangeObserver>(sp => sp.GetRequiredService<ContentHistory>());

        // Sign-in cookies survive restarts: the keys that protect them live in the data directory.
        services.AddDataProtection().SetApplicationName("LiveAssist");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new FileSystemXmlRepository(OwnerOnlyDirectory(sp.DataFilePath("keys")), sp.GetRequiredService<ILoggerFactory>())));

        var authentication = services.AddAuthentication(OperatorRoles.Scheme).AddCookie(OperatorRoles.Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = "/"; // the studio (/, /api/...) and the operator page share it
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
            cookie.Events.OnValidatePrincipal = async context =>
            {
                // A cookie is good only while its server-side session is: signing out ends it for every copy.
                var sessions = context.HttpContext.RequestServices.GetRequiredService<IOperatorSessions>();
                if (!await sessions.IsActiveAsync(context.Principal?.FindFirst(OperatorSessions.ClaimType)?.Value, context.HttpContext.RequestAborted).ConfigureAwait(false))
                {
                    context.RejectPrincipal();
                }
            };
        });
        if (options.OpenIdConnect.IsConfigured)
        {
            authentication.AddOpenIdConnect(OpenIdScheme, oidc =>
            {
                oidc.SignInScheme = OperatorRoles.Scheme;
                oidc.Authority = options.OpenIdConnect.Authority;
                oidc.ClientId = options.OpenIdConnect.ClientId;
                oidc.ClientSecret = options.OpenIdConnect.ClientSecret;
                oidc.ResponseType = "code";
                oidc.CallbackPath = "/operator/signin-oidc";
                oidc.Events.OnTokenValidated = async context =>
                {
                    // The provider's roles become ours: listed editor roles edit, listed merchant roles run lives, everyone else signed in views.
                    var identity = (ClaimsIdentity)context.Principal!.Identity!;
                    var roles = identity.FindAll(options.OpenIdConnect.RoleClaim).Select(c => c.Value).ToList();
                    var role = roles.Any(r => options.OpenIdConnect.EditorRoles.Contains(r, StringComparer.Ordinal)) ? OperatorRoles.Editor
                        : roles.Any(r => options.OpenIdConnect.MerchantRoles.Contains(r, StringComparer.Ordinal)) ? OperatorRoles.Merchant : OperatorRoles.Viewer;
                    identity.AddClaim(new Claim(ClaimTypes.Role, role));
                    if (identity.FindFirst(options.OpenIdConnect.ShopClaim)?.Value is { Length: > 0 and <= 64 } shop)
                    {
                        identity.AddClaim(new Claim(StudioRoles.ShopClaim, shop));
                    }

                    var sessions = context.HttpContext.RequestServices.GetRequiredService<IOperatorSessions>();
                    identity.AddClaim(new Claim(OperatorSessions.ClaimType, await sessions.StartAsync(identity.Name ?? "?", context.HttpContext.RequestAborted).ConfigureAwait(false)));
                };
            });
        }

        services.AddAuthorizationBuilder()
            .AddStudioPolicies(OperatorRoles.Scheme)
            .AddPolicy(OperatorRoles.ReadPolicy, policy => policy.AddAuthenticationSchemes(OperatorRoles.Scheme).RequireRole(OperatorRoles.Editor, OperatorRoles.Viewer))
            .AddPolicy(OperatorRoles.WritePolicy, policy => policy.AddAuthenticationSchemes(OperatorRoles.Scheme).RequireRole(OperatorRoles.Editor));
        return services;
    }

    // The cookie keys are secrets: their folder is the service account's only (the files inherit no access from outside it).
    private static DirectoryInfo OwnerOnlyDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        var directory = Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        return directory;
    }

    private static Task Status(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
