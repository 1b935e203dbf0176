namespace LiveAssist.BotFramework.Connector;

/// <summary>The channel refused an outgoing activity (a non-2xx answer from the Connector).</summary>
public sealed class ActivitySendException(int statusCode, string? reason)
    : HttpRequestException($"The channel refused the activity: {statusCode} {reason}", null, (System.Net.HttpStatusCode)statusCode)
{
    public int Status { get; } = statusCode;
}
