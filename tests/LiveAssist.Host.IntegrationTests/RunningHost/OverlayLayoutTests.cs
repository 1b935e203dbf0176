using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Testing;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>
/// The OBS overlay as a broadcaster sees it, in Debian's Chromium with Noto fonts: clean by default, re-laid for
/// <c>lines=</c>, no old caption replayed on load, a notice for a wrong address only in preview. Screenshots go to
/// <see cref="ScreenshotDirectory"/> for a person to look at.
/// </summary>
public sealed class OverlayLayoutTests : ChromiumTest
{
    public static readonly string ScreenshotDirectory = Path.Combine(Path.GetTempPath(), "liveassist-overlay-screens");

    private static readonly Dictionary<string, string> Said = new()
    {
        ["en"] = "Welcome to the Chenguang live room: every vacuum flask is in stock today, we ship as soon as you order, and samples are free.",
        ["ar"] = "أهلًا بكم في بث تشينغوانغ المباشر: كل الترامس متوفرة اليوم، نشحن فور الطلب، والعينات مجانية.",
        ["ru"] = "Добро пожаловать на эфир Ченгуан: все термосы сегодня в наличии, отправляем сразу после заказа, образцы бесплатно.",
    };

    private const string ScriptSource = "欢迎来到晨光直播间，今天所有保温杯都有现货，下单马上发货，样品免费。";

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("ru")]
    public async Task Overlay_RelaysTheCaptionForItsLines_AndShowsNoEngineUnlessAsked(string lang)
    {
        await using var host = await HostProcess.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var script = new object[] { new { source = ScriptSource, translations = new Dictionary<string, string>(Said) } };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "ar", "ru"], script);
        var one = await OpenAsync(host, $"/overlay/{id}?lang={lang}&lines=1&fontSize=40");
        var two = await OpenAsync(host, $"/overlay/{id}?lang={lang}&lines=2&fontSize=40");
        var labelled = await OpenAsync(host, $"/overlay/{id}?lang={lang}&engine=1");

        await CaptionSessions.SayAsync(client, id, key, ScriptSource, final: true, 0, 9000);
        foreach (var page in new[] { one, two, labelled })
        {
            await page.WaitForFunctionAsync("document.getElementById('caption').textContent.length > 0", null, new() { Timeout = 10000 });
        }

        // lines=1: every screen is one line and the box one line tall; lines=2: screens of two lines.
        await two.WaitForFunctionAsync("window.__seen.lines >= 2", null, new() { Timeout = 10000 });
        await one.WaitForFunctionAsync("window.__seen.screens >= 2", null, new() { Timeout = 10000 });
        var (oneLines, oneRatio) = await SeenAsync(one);
        Assert.Equal(1, oneLines);
        Assert.True(oneRatio < 1.8, $"lines=1 box was {oneRatio:F2} lines tall");
        var (twoLines, twoRatio) = await SeenAsync(two);
        Assert.Equal(2, twoLines);
        Assert.True(twoRatio is > 1.8 and < 2.8, $"lines=2 box was {twoRatio:F2} lines tall");

        Assert.True(await one.Locator("#engine").IsHiddenAsync());
        Assert.True(await two.Locator("#engine").IsHiddenAsync());
        Assert.True(await labelled.Locator("#engine").IsVisibleAsync());
        Assert.Equal(lang == "ar" ? "rtl" : "ltr", await one.Locator("#caption").GetAttributeAsync("dir"));

        await ScreenshotAsync(one, $"overlay-{lang}-lines1.png");
        await ScreenshotAsync(two, $"overlay-{lang}-lines2.png");
    }

    [Fact]
    public async Task Overlay_WithAWrongLanguageOrSession_ShowsANoticeInPreviewAndStaysTransparentOnAir()
    {
        await using var host = await HostProcess.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var (id, _) = await CaptionSessions.CreateAsync(client, ["en", "ar"]);

        var previewed = await OpenAsync(host, $"/overlay/{id}?lang=de&preview=1", connected: false);
        await Assertions.Expect(previewed.Locator("#notice")).ToBeVisibleAsync(new() { Timeout = 10000 });
        await Assertions.Expect(previewed.Locator("#notice")).ToContainTextAsync("\"de\"");
        await Assertions.Expect(previewed.Locator("#notice")).ToContainTextAsync("en, ar");
        await ScreenshotAsync(previewed, "overlay-preview-wrong-language.png");

        var unknown = await OpenAsync(host, "/overlay/ls-000000000000?lang=en&preview=1", connected: false);
        await Assertions.Expect(unknown.Locator("#notice")).ToContainTextAsync("no live session", new() { Timeout = 10000 });

        var onAir = await OpenAsync(host, $"/overlay/{id}?lang=de", connected: false);
        await onAir.WaitForTimeoutAsync(1500); // give it the time the preview needed to show its notice
        Assert.True(await onAir.Locator("#notice").IsHiddenAsync());
        Assert.Equal("rgba(0, 0, 0, 0)", await onAir.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
    }

    [Fact]
    public async Task Overlay_OnLoad_DoesNotReplayAnOldCaption_AndLaysOutPartialsLikeFinals()
    {
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string> { ["Captions__ReplayWindowMs"] = "500" });
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        await using var stream = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");
        await CaptionSessions.SayAsync(client, id, key, "现货三千件。", final: true, 0, 1000);
        await stream.WaitUntilAsync(r => r.Captions("final").Count == 1, "the first caption");
        await Task.Delay(3000); // the line has left the screen (its cue plus the replay window)

        var page = await OpenAsync(host, $"/overlay/{id}?lang=en&lines=2");
        await page.WaitForTimeoutAsync(1000);
        Assert.Equal(string.Empty, await page.Locator("#caption").TextContentAsync()); // OBS reloading the source shows nothing old

        await CaptionSessions.SayAsync(client, id, key, "欢迎来到晨光直播间，今天所有保温杯都有现货，下单马上发货，样品免费，可以印logo，五百个起批", final: false);
        await page.WaitForFunctionAsync("document.getElementById('caption').dataset.kind === 'partial'", null, new() { Timeout = 10000 });
        var partial = (await page.Locator("#caption").TextContentAsync())!;
        var partialLines = partial.Split('\n');
        Assert.InRange(partialLines.Length, 1, 2);
        Assert.All(partialLines, l => Assert.True(l.Length <= 42, $"partial line of {l.Length} chars: {l}"));
        Assert.DoesNotMatch(@"^…", partial); // it starts at a word, not mid-word
        await ScreenshotAsync(page, "overlay-en-partial-lines2.png");
    }

    private async Task<IPage> OpenAsync(HostProcess host, string path, bool connected = true)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        await page.GotoAsync(host.BaseUrl + path);
        if (connected)
        {
            await page.WaitForFunctionAsync("document.body.dataset.connected === 'true'", null, new() { Timeout = 15000 });
        }

        await page.EvaluateAsync(Watch);
        return page;
    }

    // Every screen the caption showed: most lines, and the tallest box in lines (the box's padding is 0.3 of a line).
    private const string Watch = """
        (() => {
          window.__seen = { lines: 0, ratio: 0, screens: 0 };
          const c = document.getElementById('caption');
          new MutationObserver(() => {
            if (!c.textContent) return;
            const s = getComputedStyle(c);
            window.__seen.screens++;
            window.__seen.lines = Math.max(window.__seen.lines, c.textContent.split('\n').length);
            window.__seen.ratio = Math.max(window.__seen.ratio, c.getBoundingClientRect().height / parseFloat(s.lineHeight));
          }).observe(c, { childList: true, characterData: true, subtree: true });
        })()
        """;

    private static async Task<(int Lines, double Ratio)> SeenAsync(IPage page)
    {
        var seen = await page.EvaluateAsync<double[]>("[window.__seen.lines, window.__seen.ratio]");
        return ((int)seen[0], seen[1]);
    }

    // A grey backdrop only for the picture: the page itself is transparent for OBS.
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.AddStyleTagAsync(new() { Content = "html { background: #6b7b8c !important; }" });
        var path = Path.Combine(ScreenshotDirectory, name);
        await page.ScreenshotAsync(new() { Path = path });
        Console.WriteLine($"overlay screenshot: {path}");
    }
}
