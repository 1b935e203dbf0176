using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Host.IntegrationTests.Presenter;
using LiveAssist.Testing;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>The digital presenter page in Debian's Chromium, speaking lines voiced by espeak-ng.</summary>
public sealed class AvatarPageTests : ChromiumTest
{
    private static readonly (string Source, string English)[] Script =
    [
        ("欢迎来到直播间。", "Welcome to our live room, friends from Brazil."),
        ("这款杯子很受欢迎。", "This cup is very popular with buyers."),
        ("今天有优惠。", "There is a discount today."),
        ("马上发货。", "We ship right away."),
    ];

    [Fact]
    public async Task Two_lines_posted_back_to_back_play_in_order_with_the_mouth_on_the_viseme_times_and_the_caption_of_each_line()
    {
        await using var host = await HostProcess.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var (id, key) = await CreateAsync(client);
        var page = await OpenAsync(host, id, "");

        var first = await CaptionSessions.SayAsync(client, id, key, Script[0].Source, final: true, 0, 5000);
        var second = await CaptionSessions.SayAsync(client, id, key, Script[1].Source, final: true, 5000, 9000);
        await page.WaitForFunctionAsync("window.avatarLog.filter(e => e.type === 'end').length === 2", null, new() { Timeout = 40000 });

        var log = await page.EvaluateAsync<JsonElement>("window.avatarLog");
        var starts = Entries(log, "start");
        var ends = Entries(log, "end");
        Assert.Equal([first, second], starts.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal([first, second], ends.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.True(Wall(starts[1]) >= Wall(ends[0]), "the second line started before the first had finished");
        Assert.Empty(Entries(log, "skipped"));

        foreach (var (seq, index) in new[] { (first, 0), (second, 1) })
        {
            var line = await PresenterLines.GetAsync(client, id, seq, "en");
            var start = starts[index];
            Assert.True(start.GetProperty("audio").GetBoolean(), "the line was not played as audio");
            // The caption shown is the line's, screenful by screenful: the first when the voice starts.
            var cues = line.GetProperty("cues").EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToList();
            Assert.Equal(cues[0], start.GetProperty("text").GetString());
            Assert.Equal(Script[index].English, string.Join(' ', cues.SelectMany(c => c.Split('\n'))));

            // Every mouth change lands on its viseme's time in the audio, measured on the page's own clock.
            var rate = start.GetProperty("rate").GetDouble();
            var visemes = PresenterLines.Visemes(line);
            var changes = Entries(log, "viseme").Where(e => e.GetProperty("seq").GetInt64() == seq && e.GetProperty("offsetMs").GetInt32() < line.GetProperty("durationMs").GetInt32()).ToList();
            Assert.True(changes.Count >= visemes.Count * 6 / 10, $"line {seq}: only {changes.Count} of {visemes.Count} mouth shapes were shown");
            var anchor = changes[0];
            foreach (var change in changes)
            {
                var expected = (change.GetProperty("offsetMs").GetInt32() - anchor.GetProperty("offsetMs").GetInt32()) / rate;
                var actual = Wall(change) - Wall(anchor);
                Assert.True(Math.Abs(actual - expected) <= 100, $"line {seq}: viseme {change.GetProperty("id").GetInt32()} shown at {actual:0} ms, due at {expected:0} ms");
                Assert.Contains(visemes, v => v.OffsetMs == change.GetProperty("offsetMs").GetInt32() && v.Id == change.GetProperty("id").GetInt32());
            }
        }

        Assert.Equal("0", await page.Locator("#mouth").GetAttributeAsync("data-viseme")); // closed, standing by
        await page.WaitForFunctionAsync("document.body.classList.contains('idle')", null, new() { Timeout = 5000 });
    }

    [Fact]
    public async Task When_the_host_talks_faster_than_the_presenter_stale_lines_are_skipped_and_logged_and_the_newest_is_spoken()
    {
        await using var host = await HostProcess.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var (id, key) = await CreateAsync(client);
        var page = await OpenAsync(host, id, "&maxWaiting=1");

        var seqs = new List<long>();
        for (var i = 0; i < Script.Length; i++)
        {
            seqs.Add(await CaptionSessions.SayAsync(client, id, key, Script[i].Source, final: true, i * 3000, (i + 1) * 3000));
        }

        await page.WaitForFunctionAsync($"window.avatarLog.some(e => e.type === 'end' && e.seq === {seqs[^1]})", null, new() { Timeout = 40000 });
        var log = await page.EvaluateAsync<JsonElement>("window.avatarLog");
        var played = Entries(log, "start").Select(e => e.GetProperty("seq").GetInt64()).ToList();
        var skipped = Entries(log, "skipped").Select(e => e.GetProperty("seq").GetInt64()).ToList();

        Assert.Equal(played.Order(), played); // still in order
        Assert.Equal(seqs, played.Concat(skipped).Order()); // every line either spoken or logged as skipped
        Assert.NotEmpty(skipped);
        Assert.Contains(seqs[^1], played);
        Assert.Equal(skipped.Count, await page.Locator("#skipped li").CountAsync());
        Assert.Contains(Entries(log, "start"), e => e.GetProperty("rate").GetDouble() > 1); // a backlog is spoken faster
    }

    [Fact]
    public async Task On_stream_the_presenter_carries_the_AI_label_and_no_engine_or_voice_label_unless_debug_is_on()
    {
        await using var host = await HostProcess.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var (id, key) = await CreateAsync(client);
        var onStream = await OpenAsync(host, id, "", new() { Width = 1280, Height = 720 });
        var checking = await OpenAsync(host, id, "&debug=1", new() { Width = 1280, Height = 720 });
        Assert.Equal("builtin", await onStream.EvaluateAsync<string>("window.__presenter.look"));

        var seq = await CaptionSessions.SayAsync(client, id, key, Script[1].Source, final: true, 0, 6000);
        foreach (var page in new[] { onStream, checking })
        {
            await page.WaitForFunctionAsync($"window.avatarLog.some(e => e.type === 'start' && e.seq === {seq})", null, new() { Timeout = 30000 });
        }

        await onStream.WaitForTimeoutAsync(500);
        Directory.CreateDirectory(AvatarModelPageTests.Artifacts);
        await onStream.ScreenshotAsync(new() { Path = Path.Combine(AvatarModelPageTests.Artifacts, "presenter-default.png") });
        await Assertions.Expect(onStream.Locator("#caption")).ToHaveTextAsync(Script[1].English);
        await Assertions.Expect(onStream.Locator("#ai-label")).ToBeVisibleAsync();
        await Assertions.Expect(onStream.Locator("#ai-label")).ToHaveTextAsync("AI 数字人 · AI-generated presenter");
        await Assertions.Expect(onStream.Locator("#engine")).ToBeHiddenAsync();
        Assert.DoesNotContain("espeak", await onStream.Locator("body").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);

        // debug=1 is for the merchant checking the scene: which engine and voice spoke.
        await Assertions.Expect(checking.Locator("#engine")).ToBeVisibleAsync();
        await Assertions.Expect(checking.Locator("#engine")).ToContainTextAsync("espeak · en-us");
        await Assertions.Expect(checking.Locator("#ai-label")).ToBeVisibleAsync();

        // The drawn presenter's framings, for the record.
        foreach (var framing in new[] { "head", "half" })
        {
            var framed = await OpenAsync(host, id, "&framing=" + framing, new() { Width = 1280, Height = 720 });
            Assert.Equal(framing, await framed.EvaluateAsync<string>("window.__presenter.framing"));
            await framed.Locator("#presenter").ScreenshotAsync(new() { Path = Path.Combine(AvatarModelPageTests.Artifacts, $"presenter-default-{framing}.png") });
        }
    }

    private static async Task<(string Id, string Key)> CreateAsync(HttpClient client)
    {
        var script = Script.Select(s => new { source = s.Source, translations = new Dictionary<string, string> { ["en"] = s.English } }).ToArray();
        return await CaptionSessions.CreateAsync(client, ["en"], script);
    }

    private async Task<IPage> OpenAsync(HostProcess host, string id, string query, ViewportSize? viewport = null)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = viewport });
        await page.GotoAsync($"{host.BaseUrl}/avatar/{id}?lang=en{query}");
        await page.WaitForFunctionAsync("document.body.dataset.connected === 'true'", null, new() { Timeout = 15000 });
        Assert.Equal("rgba(0, 0, 0, 0)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        return page;
    }

    private static List<JsonElement> Entries(JsonElement log, string type) => [.. log.EnumerateArray().Where(e => e.GetProperty("type").GetString() == type)];

    private static double Wall(JsonElement entry) => entry.GetProperty("wall").GetDouble();
}
