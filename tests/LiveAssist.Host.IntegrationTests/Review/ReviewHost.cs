using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;

namespace LiveAssist.Host.IntegrationTests.Review;

/// <summary>A live with the product on screen, and the review endpoint, through the public API.</summary>
internal static class ReviewHost
{
    public static async Task<(string Id, string Key)> StartLiveAsync(HttpClient client, string[] languages, string productId)
    {
        var (id, key) = await CaptionSessions.CreateAsync(client, languages);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/product") { Content = JsonContent.Create(new { productId }) };
        put.Headers.Add("X-Host-Key", key);
        (await client.SendAsync(put)).EnsureSuccessStatusCode();
        return (id, key);
    }

    public static async Task<JsonElement> GetReviewAsync(HttpClient client, string id, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/review");
        request.Headers.Add("X-Host-Key", key);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The rule ids of a caption's <c>review.findings</c>.</summary>
    public static IReadOnlyList<string> Rules(JsonElement caption)
        => caption.TryGetProperty("review", out var review) && review.ValueKind == JsonValueKind.Object
            ? [.. review.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()!)]
            : [];

    public static IEnumerable<JsonElement> Findings(JsonElement caption)
        => caption.TryGetProperty("review", out var review) && review.ValueKind == JsonValueKind.Object ? review.GetProperty("findings").EnumerateArray() : [];
}
