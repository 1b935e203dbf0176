using System.Net.Http.Json;
using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>Creating live sessions and sending what the host says, through the public API.</summary>
internal static class CaptionSessions
{
    public static readonly object Glossary = new object[]
    {
        new { source = "晨光", translations = new Dictionary<string, string> { ["en"] = "Chenguang", ["es"] = "Chenguang", ["pt"] = "Chenguang", ["fr"] = "Chenguang", ["ar"] = "تشينغوانغ", ["ru"] = "Ченгуан" } },
        new { source = "保温杯", translations = new Dictionary<string, string> { ["en"] = "Vacuum Flask", ["es"] = "termo", ["pt"] = "garrafa térmica", ["fr"] = "bouteille isotherme", ["ar"] = "ترمس", ["ru"] = "термос" } },
        new { source = "SunnyCup", translations = (Dictionary<string, string>?)null },
    };

    public static async Task<(string Id, string HostKey)> CreateAsync(HttpClient client, string[] languages, object? script = null, bool showDrafts = false, string? currency = null)
    {
        using var response = await client.PostAsJsonAsync("/api/sessions", new
        {
            title = "晨光 live",
            sourceLanguage = "zh-CN",
            targetLanguages = languages,
            glossary = Glossary,
            script,
            showDrafts,
            currency,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("hostKey").GetString()!);
    }

    public static async Task<long> SayAsync(HttpClient client, string sessionId, string hostKey, string text, bool final, long? startMs = null, long? endMs = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/utterances")
        {
            Content = JsonContent.Create(new { text, final, startMs, endMs }),
        };
        request.Headers.Add("X-Host-Key", hostKey);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("seq").GetInt64();
    }
}
