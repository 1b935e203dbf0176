using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>The host killed mid-session (a crash, a power cut) loses nothing it had recognized.</summary>
public sealed class CaptionRestartTests
{
    [Fact]
    public async Task After_a_kill_and_restart_the_exports_contain_every_caption_finalized_before_the_kill()
    {
        var dataDirectory = RepoPaths.NewTempDirectory("liveassist-restart");
        var port = HostProcess.FreePort();
        var accepted = new List<(long Seq, string Text)>();
        string id, key;
        await using (var first = await HostProcess.StartAsync(dataDirectory: dataDirectory, port: port))
        {
            using var client = new HttpClient { BaseAddress = new Uri(first.BaseUrl) };
            (id, key) = await CaptionSessions.CreateAsync(client, ["en", "es", "fr"]);
            for (var i = 1; i <= 12; i++)
            {
                var text = $"第{i}号产品，一块八毛五一个，五百个起批。";
                accepted.Add((await CaptionSessions.SayAsync(client, id, key, text, final: true, i * 3000, i * 3000 + 2500), text));
            }

            await CaptionSessions.SayAsync(client, id, key, "还没说完的", final: false); // a partial is not a promise
            await first.KillAsync(); // at once: some lines are still being translated
        }

        await using var second = await HostProcess.StartAsync(dataDirectory: dataDirectory, port: port);
        using var again = new HttpClient { BaseAddress = new Uri(second.BaseUrl) };
        foreach (var lang in new[] { "en", "es", "fr" })
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            JsonElement export;
            do
            {
                export = await again.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/captions.json?lang={lang}");
                if (export.GetProperty("count").GetInt32() >= accepted.Count || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(250);
            }
            while (true);

            var captions = export.GetProperty("captions").EnumerateArray().ToList();
            Assert.Equal(accepted.Select(a => a.Seq), captions.Select(c => c.GetProperty("seq").GetInt64()));
            Assert.Equal(accepted.Select(a => a.Text), captions.Select(c => c.GetProperty("sourceText").GetString()));
            var vtt = WebVtt.Parse(await again.GetStringAsync($"/api/sessions/{id}/captions.vtt?lang={lang}"));
            Assert.True(vtt.Count >= accepted.Count);
        }

        // The session goes on where it stopped: the next line gets the next number.
        Assert.Equal(accepted[^1].Seq + 1, await CaptionSessions.SayAsync(again, id, key, "我们继续。", final: true));
    }
}
