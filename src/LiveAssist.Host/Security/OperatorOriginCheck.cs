namespace LiveAssist.Host.Security;

/// <summary>
/// Cross-site request forgery defence for the cookie-authenticated operator console: a state-changing request
/// (POST, PUT, PATCH, DELETE under <c>/operator</c>) is refused with 403 when the browser says it came from
/// another origin. SameSite=Strict does not cover this: a page on the same host and another port is the same
/// <em>site</em>. Browsers send <c>Origin</c> (and <c>Sec-Fetch-Site</c>) on every such request; a request
/// with neither is not from a browser page, so it cannot carry a victim's cookie by accident.
/// </summary>
internal sealed class OperatorOriginCheck(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (IsUnsafe(request.Method) && request.Path.StartsWithSegments("/operator", StringComparison.OrdinalIgnoreCase) && !IsSameOrigin(request))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin request refused",
                detail: "Operator changes must come from the operator console itself (the Origin header names another site).").ExecuteAsync(context);
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

    private static bool IsUnsafe(string method)
        => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
