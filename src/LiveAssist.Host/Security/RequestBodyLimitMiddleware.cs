using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace LiveAssist.Host.Security;

/// <summary>
/// One body budget for every request, enforced by the server while it reads, so a chunked body with no
/// Content-Length is held to it too (Kestrel answers 413). Endpoints may raise it for themselves.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<SecurityOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxRequestBodyBytes;
        }

        return next(context);
    }
}
