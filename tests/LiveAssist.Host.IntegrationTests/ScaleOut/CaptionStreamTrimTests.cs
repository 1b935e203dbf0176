using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>
/// A long live does not grow Redis without end: its caption stream keeps about <c>Redis:CaptionStreamMaxLines</c> lines,
/// and the captioning host's own record still exports every line.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class CaptionStreamTrimTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private HostProcess? _host;

    public async Task InitializeAsync()
    {
        if (RedisServer.Find() is null)
        {
            return; // skipped, see RedisFactAttribute
        }

        _redis = await RedisServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [RedisFact]
    public async Task ALongLivesStreamInRedisIsTrimmed_AndTheCaptioningHostStillExportsEveryLine()
    {
        _host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Redis__Configuration"] = _redis.Configuration,
            ["Redis__CaptionStreamMaxLines"] = "100",
            ["DirectLine__Secret"] = "scale-out-test-secret-0123456789abcdef",
            ["Logging__LogLevel__LiveAssist.Redis"] = "Warning",
        }, port: HostProcess.FreePortIn(5400, 5499));
        using var client = new HttpClient { BaseAddress = new Uri(_host.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
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
        var length = long.Parse((await _redis.CommandAsync($"XLEN liveassist:captions:{id}"))!.TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(length, 100, 250); // trimmed by whole stream nodes (MAXLEN ~), never below the cap
    }
}
