using Microsoft.AspNetCore.Diagnostics;

namespace LiveAssist.Host.Security;

/// <summary>
/// A request the server could not read (malformed JSON for a typed body, a body too large, a client too slow)
/// is the client's fault: answer with its own status (400, 413, 408) as problem+json, never 500, in every environment.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        httpContext.Response.StatusCode = status;
        await Results.Problem(statusCode: status, title: "Bad request", detail: bad.Message).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}
