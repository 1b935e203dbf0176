using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>
/// One live captioned on two hosts at the same moment (the host's phone console on one, a co-host's laptop on another,
/// and a load balancer that does not route by live): every line gets its own number, the shared stream keeps them in the
/// order they were numbered, and an overlay on either host shows each line once, in order.
/// </summary>
public sealed class TwoCaptioningHostsTests : RedisHostsTest
{
    [RedisFact]
    public async Task TwoHostsCaptioningOneLiveAtOnce_GiveEveryLineItsOwnNumber_AndOverlaysGetEachLineOnceInOrder()
    {
        var a = await StartHostAsync();
        var b = await StartHostAsync();
        using var onA = new HttpClient { BaseAddress = new Uri(a.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        using var onB = new HttpClient { BaseAddress = new Uri(b.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var (id, key) = await CaptionSessions.CreateAsync(onA, ["en", "es"]);
        await using var overlayA = await SseReader.OpenAsync(onA, $"/api/sessions/{id}/captions/stream?lang=en");
        await using var overlayB = await SseReader.OpenAsync(onB, $"/api/sessions/{id}/captions/stream?lang=es");

        string[] saidOnA = ["欢迎大家来到直播间。", "这款杯子质量很好。", "大家可以看一下颜色。", "有问题可以在评论区问。", "我们的工厂在义乌。", "今天下单明天发货。"];
        string[] saidOnB = ["样品可以免费寄。", "支持银行转账。", "包装很结实。", "这个颜色有红色和蓝色。", "最少起订一百个。", "谢谢大家。"];

        // Each host's lines start as partials (the number is taken at the first words) and end final, both hosts at once.
        var numbered = await Task.WhenAll(
            SayLinesAsync(onA, id, key, saidOnA),
            SayLinesAsync(onB, id, key, saidOnB));
        var seqs = numbered.SelectMany(n => n).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), seqs.Order()); // no number given twice, none skipped

        await overlayA.WaitUntilAsync(r => Finals(r).Count >= 12, "twelve English lines on A", seconds: 60);
        await overlayB.WaitUntilAsync(r => Finals(r).Count >= 12, "twelve Spanish lines on B", seconds: 60);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), Finals(overlayA).Select(c => c.GetProperty("seq").GetInt64()));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), Finals(overlayB).Select(c => c.GetProperty("seq").GetInt64()));

        // The record on either host has every line buyers saw, each once, in order (the offline engine withholds the
        // lines it can only translate word by word, in the export as on the overlay).
        var shown = Finals(overlayB).Where(c => c.GetProperty("text").GetString() is { Length: > 0 }).Select(c => c.GetProperty("seq").GetInt64()).ToList();
        Assert.True(shown.Count >= 6, string.Join(",", shown));
        foreach (var client in new[] { onA, onB })
        {
            var export = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/captions.json?lang=es");
            Assert.Equal(shown, export.GetProperty("captions").EnumerateArray().Select(c => c.GetProperty("seq").GetInt64()));
        }

        Assert.DoesNotContain("came after later lines", a.Output + b.Output, StringComparison.Ordinal);
    }

    private static async Task<List<long>> SayLinesAsync(HttpClient client, string id, string key, IEnumerable<string> lines)
    {
        var seqs = new List<long>();
        foreach (var line in lines)
        {
            var partial = await CaptionSessions.SayAsync(client, id, key, line[..2], final: false);
            var final = await CaptionSessions.SayAsync(client, id, key, line, final: true);
            Assert.Equal(partial, final); // the partial's number is the line's
            seqs.Add(final);
        }

        return seqs;
    }


    private static List<JsonElement> Finals(SseReader reader) => [.. reader.Captions("final")];
}
