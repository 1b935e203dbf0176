using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests;

/// <summary>Inbound activities as a channel would post them.</summary>
internal static class ActivityBuilder
{
    public static object Message(string serviceUrl, string text, string channelId = "msteams", string conversationId = "a:conv-1", string? locale = "en-US", string id = "1700000000001")
        => new
        {
            type = "message",
            id,
            channelId,
            serviceUrl,
            text,
            locale,
            from = new { id = "29:buyer", name = "Ada" },
            recipient = new { id = "28:bot-app-id", name = "LiveAssist" },
            conversation = new { id = conversationId },
        };

    public static HttpRequestMessage Post(object activity, string? bearer = null, string path = "/api/messages")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(activity), Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }
}
