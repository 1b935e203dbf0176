using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>
/// A long live does not grow Redis without end: its caption stream keeps about <c>Redis:CaptionStreamMaxLines</c> lines,
/// and the captioning host's own record still exports every line.
/// </summary>
public sealed class CaptionStreamTrimTests : RedisHostsTest
{
    [RedisFact]
    public async Task ALongLivesStreamInRedisIsTrimmed_AndTheCaptioningHostStillExportsEveryLine()
    {
        var host = await StartHostAsync(new Dictionary<string, string> { ["Redis__CaptionStreamMaxLines"] = "100" });
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        for (var i = 0; i < 400; i++)
        {
            await CaptionSessions.SayAsync(client, id, key, "欢迎大家来到直播间。", final: true);
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement export;
        do
        {
            await Task.Delay(200);
            export = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/captions.json?lang=en");
        }
        while (export.GetProperty("captions").GetArrayLength() < 400 && DateTime.UtcNow < deadline);

        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), export.GetProperty("captions").EnumerateArray().Select(c => c.GetProperty("seq").GetInt64()));
        var length = long.Parse((await Redis.CommandAsync($"XLEN liveassist:captions:{id}"))!.TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(length, 100, 250); // trimmed by whole stream nodes (MAXLEN ~), never below the cap
    }
}
