namespace LiveAssist.Host.Security;

/// <summary>
/// Cross-site request forgery defence for everything the sign-in cookie opens (studio, operator page, session
/// calls made with the merchant's sign-in): a state-changing request (POST, PUT, PATCH, DELETE) under
/// <c>/operator</c> or <c>/api/account</c>, or carrying the sign-in cookie anywhere, is refused with 403 when the
/// browser says it came from another origin. SameSite=Strict does not cover this: a page on the same host and another port is the same
/// <em>site</em>. Browsers send <c>Origin</c> (and <c>Sec-Fetch-Site</c>) on every such request; a request
/// with neither is not from a browser page, so it cannot carry a victim's cookie by accident.
/// </summary>
internal sealed class OperatorOriginCheck(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (IsUnsafe(request.Method) && NeedsSameOrigin(request) && !IsSameOrigin(request))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin request refused · 跨站请求被拒绝",
                detail: "Changes made with a sign-in must come from this site's own pages (the Origin header names another site).").ExecuteAsync(context);
        }

        return next(context);
    }

    public static bool IsSameOrigin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    // Host-key calls without the cookie stay open to other origins (OBS tools, scripts): the key is their credential, not ambient.
    private static bool NeedsSameOrigin(HttpRequest request)
        => request.Path.StartsWithSegments("/operator", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/api/account", StringComparison.OrdinalIgnoreCase)
            || request.Cookies.ContainsKey(LiveAssist.Operator.OperatorAuthentication.CookieName);

    private static bool IsUnsafe(string method)
        => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
