using System.Buffers;
using System.Text.Json;
using LiveAssist.BotFramework.Schema;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.BotFramework.Hosting;

/// <summary>
/// Reads one activity from a request body with the Bot Framework's size limit, and says in plain
/// words what is wrong when it cannot. Shared by <c>/api/messages</c> and the embedded Direct Line.
/// </summary>
public static class ActivityBodyReader
{
    /// <summary>Direct Line's documented payload limit, applied to every inbound activity.</summary>
    public const int MaxActivityBytes = 262_144;

    public static async Task<(Activity? Activity, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken, bool acceptUnknownTypes = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxActivityBytes)
        {
            return (null, TooLarge());
        }

        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                "Send the activity as application/json."));
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxActivityBytes)
            {
                return (null, TooLarge());
            }
        }

        if (buffer.WrittenCount == 0)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Empty body", "The request has no activity in its body."));
        }

        Activity activity;
        try
        {
            activity = ActivitySerializer.Deserialize(buffer.WrittenSpan);
        }
        catch (JsonException ex)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Malformed activity",
                $"The body is not a valid activity: {ex.Message}"));
        }

        if (string.IsNullOrEmpty(activity.Type))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Missing activity type", "Every activity needs a 'type'."));
        }

        if (!acceptUnknownTypes && !ActivityTypes.IsKnown(activity.Type))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Unknown activity type",
                $"'{Truncate(activity.Type, 64)}' is not a Bot Framework activity type."));
        }

        return (activity, null);
    }

    public static IResult Problem(int status, string title, string detail)
        => Results.Problem(statusCode: status, title: title, detail: detail);

    private static IResult TooLarge() => Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large",
        $"An activity may be at most {MaxActivityBytes} bytes.");

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max] + "…";
}
