using System.Net.Http.Json;
using System.Text.Json;

namespace LiveAssist.Testing;

/// <summary>Talks to a host's bot as a channel would in local mode: one message to <c>/api/messages</c>, replies returned in the response (<c>expectReplies</c>).</summary>
public static class LocalBot
{
    public static async Task<IReadOnlyList<JsonElement>> AskAsync(
        HttpClient http, string text, string? locale, string conversation, string user = "buyer-1", string channel = "webchat", string? sessionId = null, object? value = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.PostAsJsonAsync("/api/messages", new
        {
            type = "message",
            id = "m-" + Guid.NewGuid().ToString("N")[..8],
            channelId = channel,
            serviceUrl = "http://127.0.0.1:9/",
            text,
            locale,
            from = new { id = user },
            recipient = new { id = "bot" },
            conversation = new { id = conversation },
            deliveryMode = "expectReplies",
            channelData = sessionId is null ? null : new { sessionId },
            value, // an Adaptive Card Action.Submit's data
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("activities").EnumerateArray().Select(a => a.Clone())];
    }

    /// <summary>The text of the bot's first reply.</summary>
    public static async Task<string?> FirstTextAsync(HttpClient http, string text, string? locale, string conversation)
        => (await AskAsync(http, text, locale, conversation))[0].GetProperty("text").GetString();
}

/// <summary>Waits for something another thread or process does, checking every 100 ms.</summary>
public static class Poll
{
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
