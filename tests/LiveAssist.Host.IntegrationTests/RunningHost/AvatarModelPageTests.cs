using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Host.IntegrationTests.Presenter;
using LiveAssist.Testing;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>The presenter page with the merchant's own VRM model, generated here (<see cref="TestVrm"/>), in Debian's Chromium.</summary>
public sealed class AvatarModelPageTests : ChromiumTest
{
    private const string Source = "欢迎大家，这款杯子很受欢迎，五百个起批。";
    private const string English = "Welcome everyone, our cool cup is popular, order five hundred or more.";

    // Azure viseme id → the mouth expression a viewer sees for it (the open and rounded vowels), or "" for a closed mouth.
    private static readonly Dictionary<int, string> Expected = new()
    {
        [2] = "aa", [1] = "aa", [9] = "aa", [11] = "aa", [6] = "ih", [7] = "ou", [8] = "oh", [3] = "oh", [4] = "ee", [21] = "", [0] = "",
    };

    [Fact]
    public async Task An_uploaded_VRM_speaks_with_its_mouth_blend_shapes_on_the_viseme_track_within_100_ms_and_smiles_at_a_greeting()
    {
        await using var host = await HostProcess.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var script = new[] { new { source = Source, translations = new Dictionary<string, string> { ["en"] = English } } };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"], script);

        // Files that cannot be a presenter are refused, saying why in Chinese.
        var refused = await UploadAsync(client, id, key, TestVrm.WithoutMouth(), "no-mouth.vrm");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("口型", refused.Body, StringComparison.Ordinal);
        var notGlb = await UploadAsync(client, id, key, "<html>not a model</html>"u8.ToArray(), "page.vrm");
        Assert.Equal(HttpStatusCode.BadRequest, notGlb.Status);
        Assert.Contains("不是 VRM", notGlb.Body, StringComparison.Ordinal);
        var anonymous = await UploadAsync(client, id, null, TestVrm.Build(), "presenter.vrm");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);

        var vrm = TestVrm.Build();
        var uploaded = await UploadAsync(client, id, key, vrm, "presenter.vrm");
        Assert.Equal(HttpStatusCode.OK, uploaded.Status);
        var settings = JsonDocument.Parse(uploaded.Body).RootElement;
        Assert.Equal("model", settings.GetProperty("look").GetString());
        Assert.Equal("vrm1", settings.GetProperty("model").GetProperty("kind").GetString());
        var modelUrl = settings.GetProperty("model").GetProperty("url").GetString()!;
        Assert.StartsWith("/media/avatars/", modelUrl, StringComparison.Ordinal);
        Assert.Equal(vrm, await client.GetByteArrayAsync(modelUrl)); // served from the host, as uploaded

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 640, Height = 480 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"{host.BaseUrl}/avatar/{id}?lang=en");
        await page.WaitForFunctionAsync("window.__presenter.ready && document.body.dataset.connected === 'true'", null, new() { Timeout = 30000 });
        Assert.True("model" == await page.EvaluateAsync<string>("window.__presenter.look"), $"the model did not load: {await page.EvaluateAsync<string>("window.__presenter.error")} {string.Join("; ", errors)}");
        Assert.Equal("vrm1", await page.EvaluateAsync<string>("window.__presenter.model.kind"));
        Assert.True(await page.Locator("#builtin").IsHiddenAsync());
        Assert.True(await page.Locator("#stage3d").IsVisibleAsync());
        await Assertions.Expect(page.Locator("#ai-label")).ToBeVisibleAsync(); // still labelled as AI

        // Idle: it blinks by itself before anyone speaks, with the mouth closed.
        await page.WaitForFunctionAsync("window.__presenter.morphs().blink > 0.5", null, new() { Timeout = 12000, PollingInterval = 10 });
        var idle = await page.EvaluateAsync<JsonElement>("window.__presenter.morphs()");
        Assert.All(TestVrm.MouthTargets, name => Assert.True(idle.GetProperty(name).GetDouble() < 0.05, $"{name} is {idle.GetProperty(name)} at rest"));
        Directory.CreateDirectory(Artifacts);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "presenter-vrm-idle.png") });

        var seq = await CaptionSessions.SayAsync(client, id, key, Source, final: true, 0, 12000);
        var line = await PresenterLines.GetAsync(client, id, seq, "en");
        await page.WaitForFunctionAsync($"window.avatarLog.some(e => e.type === 'start' && e.seq === {seq})", null, new() { Timeout = 30000 });
        await page.WaitForTimeoutAsync(900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "presenter-vrm-speaking.png") });
        await page.WaitForFunctionAsync($"window.avatarLog.some(e => e.type === 'end' && e.seq === {seq})", null, new() { Timeout = 40000 });

        var start = (await page.EvaluateAsync<JsonElement>("window.avatarLog")).EnumerateArray().First(e => e.GetProperty("type").GetString() == "start");
        Assert.True(start.GetProperty("audio").GetBoolean(), "the line was not played as audio");
        var rate = start.GetProperty("rate").GetDouble();
        var frames = (await page.EvaluateAsync<JsonElement>($"window.__presenter.frames.filter(f => f.seq === {seq})")).EnumerateArray()
            .Select(f => (AudioMs: f.GetProperty("audioMs").GetDouble(), Wall: f.GetProperty("wall").GetDouble(), Morphs: f.GetProperty("morphs"))).ToList();
        var duration = line.GetProperty("durationMs").GetInt32();
        Assert.True(frames.Count > 20, $"only {frames.Count} frames were drawn while the line played");
        // The audio clock ran through the line while frames were drawn: the audio really played.
        Assert.True(frames[^1].AudioMs - frames[0].AudioMs > duration * 0.7, $"audio ran {frames[0].AudioMs:0}–{frames[^1].AudioMs:0} ms of {duration} ms");

        // Each mouth shape that lasts long enough is on the mesh 100 ms (of audio) after its viseme starts, until the next.
        var visemes = PresenterLines.Visemes(line);
        var checkedShapes = 0;
        var failures = new List<string>();
        for (var i = 0; i + 1 < visemes.Count; i++)
        {
            var (offset, visemeId) = visemes[i];
            var next = visemes[i + 1].OffsetMs;
            if (!Expected.TryGetValue(visemeId, out var expression) || next - offset < 130)
            {
                continue;
            }

            var inside = frames.Where(f => f.AudioMs >= offset + 100 * rate && f.AudioMs < next).ToList();
            if (inside.Count == 0)
            {
                continue;
            }

            checkedShapes++;
            foreach (var f in inside)
            {
                var weights = TestVrm.MouthTargets.Take(5).ToDictionary(n => n, n => f.Morphs.GetProperty(n).GetDouble());
                var top = weights.MaxBy(w => w.Value);
                if (expression.Length == 0 ? top.Value > 0.15 : top.Key != expression || top.Value < 0.4)
                {
                    failures.Add($"viseme {visemeId} at {offset} ms (until {next}): at audio {f.AudioMs:0} ms the mouth is {string.Join(", ", weights.Select(w => $"{w.Key} {w.Value:0.00}"))}, expected {(expression.Length == 0 ? "closed" : expression)}");
                }
            }
        }

        Assert.True(checkedShapes >= 4, $"only {checkedShapes} mouth shapes were long enough to check");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));

        // "Welcome" is a greeting: the presenter smiled while saying it, and stops smiling after.
        Assert.Contains(frames, f => f.Morphs.GetProperty("happy").GetDouble() > 0.3);
        await page.WaitForFunctionAsync("window.__presenter.morphs().happy < 0.05 && window.__presenter.morphs().aa < 0.05", null, new() { Timeout = 5000 });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_framing_setting_moves_the_camera_from_the_head_to_the_half_body()
    {
        await using var host = await HostProcess.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(client, id, key, TestVrm.Build(), "presenter.vrm")).Status);
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 640, Height = 480 } });
        Directory.CreateDirectory(Artifacts);
        var heights = new Dictionary<string, double>();
        foreach (var framing in new[] { "head", "bust", "half" })
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/presenter") { Content = JsonContent(new { framing }) };
            put.Headers.Add("X-Host-Key", key);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(put)).StatusCode);
            await page.GotoAsync($"{host.BaseUrl}/avatar/{id}?lang=en");
            await page.WaitForFunctionAsync("window.__presenter.ready", null, new() { Timeout = 30000 });
            Assert.Equal("model", await page.EvaluateAsync<string>("window.__presenter.look"));
            Assert.Equal(framing, await page.EvaluateAsync<string>("window.__presenter.framing"));
            await page.WaitForTimeoutAsync(400);
            await page.Locator("#presenter").ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"presenter-vrm-{framing}.png") });
            // How tall the head looks: rows of the card that show hair or skin (the model's head), counted in the page.
            heights[framing] = await page.EvaluateAsync<double>("window.__presenter.headScreenShare()");
        }

        Assert.True(heights["head"] > heights["bust"] && heights["bust"] > heights["half"], string.Join(", ", heights.Select(h => $"{h.Key} {h.Value:0.00}")));
    }

    internal static string Artifacts => Path.Combine(RepoPaths.Root, "artifacts");

    private static StringContent JsonContent(object value)
        => new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");

    internal static async Task<(HttpStatusCode Status, string Body)> UploadAsync(HttpClient client, string id, string? key, byte[] file, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/presenter/model?name={Uri.EscapeDataString(name)}") { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("model/gltf-binary");
        if (key is not null)
        {
            request.Headers.Add("X-Host-Key", key);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
