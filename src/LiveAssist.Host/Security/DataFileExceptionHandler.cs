using LiveAssist.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace LiveAssist.Host.Security;

/// <summary>
/// A capability whose SQLite file is damaged or whose disk is full answers 503 (it is unavailable, the request
/// was fine) and names what is down; the rest of the host is not affected.
/// </summary>
internal sealed class DataFileExceptionHandler : IExceptionHandler
{
    private const int SqliteFull = 13;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var detail = exception switch
        {
            DataFileUnavailableException unavailable => unavailable.Message,
            SqliteException { SqliteErrorCode: SqliteFull } => "The data disk is full; nothing more can be stored until space is freed.",
            SqliteException sqlite => "Storage refused the request: " + sqlite.Message,
            _ => null,
        };
        if (detail is null || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "30";
        await Results.Problem(statusCode: 503, title: "Storage unavailable", detail: detail).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}
