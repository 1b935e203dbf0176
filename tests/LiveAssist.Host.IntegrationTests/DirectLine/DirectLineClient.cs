using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests.DirectLine;

/// <summary>A minimal Direct Line 3.0 REST client for tests, speaking the wire format directly.</summary>
internal sealed class DirectLineClient(HttpClient http)
{
    public async Task<JsonElement> ChatTokenAsync(string lang)
    {
        using var response = await http.PostAsync($"/chat/token?lang={lang}", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, object? body = null)
    {
        var request = new HttpRequestMessage(method, "/v3/directline" + path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return http.SendAsync(request);
    }

    public async Task<JsonElement> StartAsync(string bearer)
    {
        using var response = await SendAsync(HttpMethod.Post, "/conversations", bearer);
        Assert.True(response.IsSuccessStatusCode, $"start conversation: {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<string> PostMessageAsync(string bearer, string conversationId, string text, string userId, string locale = "en-US", string? sessionId = null)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", bearer, new
        {
            type = "message",
            text,
            locale,
            from = new { id = userId },
            channelData = new { clientActivityID = "client-" + Guid.NewGuid().ToString("N"), sessionId },
        });
        Assert.True(response.IsSuccessStatusCode, $"post: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await WaitForAnswerAsync(bearer, conversationId, id);
        return id;
    }

    /// <summary>
    /// Direct Line answers the post before the bot's turn has run (the turn is queued), as Web Chat expects: a test reads
    /// on once the bot's messages answering this one are there and no more arrive (or after a few seconds, for a turn
    /// that answers nothing).
    /// </summary>
    public async Task WaitForAnswerAsync(string bearer, string conversationId, string activityId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(8);
        var seen = -1;
        while (DateTime.UtcNow < deadline)
        {
            var (activities, _) = await GetActivitiesAsync(bearer, conversationId);
            var answers = activities.Count(a => a.TryGetProperty("replyToId", out var to) && to.GetString() == activityId
                && a.GetProperty("type").GetString() == "message");
            if (answers > 0 && answers == seen)
            {
                return;
            }

            seen = answers > 0 ? answers : -1;
            await Task.Delay(60);
        }
    }

    public async Task<(List<JsonElement> Activities, string Watermark)> GetActivitiesAsync(string bearer, string conversationId, string? watermark = null)
    {
        var query = watermark is null ? string.Empty : "?watermark=" + Uri.EscapeDataString(watermark);
        using var response = await SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities{query}", bearer);
        response.EnsureSuccessStatusCode();
        var set = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ([.. set.GetProperty("activities").EnumerateArray()], set.GetProperty("watermark").GetString()!);
    }
}
