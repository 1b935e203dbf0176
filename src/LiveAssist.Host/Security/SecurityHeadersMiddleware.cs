using Microsoft.Extensions.Options;

namespace LiveAssist.Host.Security;

/// <summary>
/// Security headers on every response: no MIME sniffing, no referrer leaking session ids, and no framing
/// except for the pages made to be embedded (a framed operator console or host page invites clickjacking).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityOptions> options)
{
    private static readonly string[] EmbeddablePrefixes = ["/chat", "/overlay/", "/avatar/"];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var embeddable = EmbeddablePrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            && !path.StartsWith("/chat/token", StringComparison.OrdinalIgnoreCase);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (embeddable)
            {
                headers.ContentSecurityPolicy = "frame-ancestors " + options.Value.EmbedFrameAncestors;
            }
            else
            {
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
