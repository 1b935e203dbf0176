using LiveAssist.Host.IntegrationTests.Captions;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>The merchant's console in Chromium: browser speech recognition (stubbed: headless Chromium has no microphone) and typing, captions beside the transcript.</summary>
[Collection(RunningHostCollection.Name)]
public sealed class HostConsoleCaptionTests(RunningHostFixture fixture) : ChromiumTest
{
    // A stand-in for the browser's SpeechRecognition: on start() it "hears" a partial, then the final line.
    private const string FakeRecognition = """
        window.SpeechRecognition = window.webkitSpeechRecognition = class {
          start() {
            window.__recognitionLang = this.lang;
            const result = (text, isFinal) => { const r = [{ transcript: text }]; r.isFinal = isFinal; return r; };
            setTimeout(() => this.onresult({ resultIndex: 0, results: [result('这款保温杯', false)] }), 50);
            setTimeout(() => this.onresult({ resultIndex: 0, results: [result('这款保温杯一块八毛五一个。', true)] }), 500);
          }
          stop() { this.onend && this.onend(); }
        };
        """;

    [Fact]
    public async Task Speech_recognized_in_the_browser_and_typed_lines_show_their_captions_engines_and_delays()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Host.BaseUrl) };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "ar"]);
        var context = await Browser.NewContextAsync();
        await context.AddInitScriptAsync(FakeRecognition);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.Host.BaseUrl}/host/{id}#key={Uri.EscapeDataString(key)}");
        await Assertions.Expect(page.Locator("#live-panel")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#engines")).ToContainTextAsync("离线");

        await page.ClickAsync("#mic");
        var first = page.Locator("#transcript li").First;
        await Assertions.Expect(first.Locator(".source")).ToHaveTextAsync("这款保温杯一块八毛五一个。", new() { Timeout = 10000 });
        await Assertions.Expect(first.Locator(".line[data-lang='en']")).ToContainTextAsync("Vacuum Flask", new() { Timeout = 10000 });
        await Assertions.Expect(first.Locator(".line[data-lang='en']")).ToContainTextAsync("1.85");
        await Assertions.Expect(first.Locator(".line[data-lang='en'] .engine")).ToHaveAttributeAsync("data-engine", new System.Text.RegularExpressions.Regex("^offline-"));
        Assert.Equal("rtl", await first.Locator(".line[data-lang='ar'] .text").GetAttributeAsync("dir"));
        Assert.Equal("zh-CN", await page.EvaluateAsync<string>("window.__recognitionLang"));

        await page.FillAsync("#type-text", "五百个起批。");
        await page.PressAsync("#type-text", "Enter");
        await Assertions.Expect(page.Locator("#transcript li").First.Locator(".line[data-lang='en']")).ToContainTextAsync("500", new() { Timeout = 10000 });
        await Assertions.Expect(page.Locator("#delays tr[data-lang='en'] .delay")).ToContainTextAsync("毫秒");
        await Assertions.Expect(page.Locator("#engines")).ToContainTextAsync("离线");

        // The stored captions say which recognizer heard each line.
        var export = await client.GetStringAsync($"/api/sessions/{id}/captions.json?lang=en");
        Assert.Contains("\"recognizer\": \"browser\"", export, StringComparison.Ordinal);
        Assert.Contains("\"recognizer\": \"typed\"", export, StringComparison.Ordinal);
    }

    // A recognizer hearing its training data's subtitle credits in silence, then looping on the same line.
    private const string HallucinatingRecognition = """
        window.SpeechRecognition = window.webkitSpeechRecognition = class {
          start() {
            const result = (text) => { const r = [{ transcript: text }]; r.isFinal = true; return r; };
            const lines = ['字幕由Amara.org社群提供', '这款保温杯有现货。', '这款保温杯有现货。', '这款保温杯有现货。'];
            lines.forEach((line, i) => setTimeout(() => this.onresult({ resultIndex: 0, results: [result(line)] }), 200 + i * 400));
          }
          stop() { this.onend && this.onend(); }
        };
        """;

    [Fact]
    public async Task Console_says_which_recognizer_is_active_counts_dropped_hallucinations_and_shows_drafts_buyers_do_not_see()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Host.BaseUrl) };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        var context = await Browser.NewContextAsync();
        await context.AddInitScriptAsync(HallucinatingRecognition);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.Host.BaseUrl}/host/{id}#key={Uri.EscapeDataString(key)}");
        await Assertions.Expect(page.Locator("#live-panel")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#recognizer-note")).ToContainTextAsync("Google", new() { Timeout = 10000 });
        await Assertions.Expect(page.Locator("#recognizer-note")).ToContainTextAsync("whisper.cpp");

        await page.ClickAsync("#mic");
        await Assertions.Expect(page.Locator("#hallucinations")).ToHaveAttributeAsync("data-count", "2", new() { Timeout = 15000 }); // the credit line and the third repeat
        var export = await client.GetStringAsync($"/api/sessions/{id}/captions.json?lang=zh");
        Assert.DoesNotContain("Amara", export, StringComparison.Ordinal);

        // A typed line no phrasebook pattern knows: buyers see its terms and figures only; the console also shows the draft.
        await page.FillAsync("#type-text", "仓库里的杯子全部都是昨天刚到的。");
        await page.PressAsync("#type-text", "Enter");
        var line = page.Locator("#transcript li").First.Locator(".line[data-lang='en']");
        await Assertions.Expect(line.Locator(".console-draft")).ToContainTextAsync("yesterday", new() { Timeout = 10000, IgnoreCase = true });
    }

    // The microphone as a generated tone whose loudness the test sets (window.__micGain: 0 is a silent room), and a
    // recognizer that "hears" whatever the test hands it, as the browser's does in silence.
    private const string MeteredRecognition = """
        window.__micGain = 0;
        navigator.mediaDevices.getUserMedia = async () => {
          const context = new AudioContext();
          const tone = context.createOscillator();
          const gain = context.createGain();
          gain.gain.value = 0;
          setInterval(() => { gain.gain.value = window.__micGain; }, 20);
          tone.connect(gain);
          const out = context.createMediaStreamDestination();
          gain.connect(out);
          tone.start();
          return out.stream;
        };
        window.SpeechRecognition = window.webkitSpeechRecognition = class {
          start() { window.__recognizer = this; }
          stop() { this.onend && this.onend(); }
        };
        window.__hear = (text) => { const r = [{ transcript: text }]; r.isFinal = true; window.__recognizer.onresult({ resultIndex: 0, results: [r] }); };
        """;

    [Fact]
    public async Task Browser_recognizer_text_heard_in_silence_is_dropped_and_counted_while_speech_is_captioned()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Host.BaseUrl) };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        var context = await Browser.NewContextAsync();
        await context.AddInitScriptAsync(MeteredRecognition);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.Host.BaseUrl}/host/{id}#key={Uri.EscapeDataString(key)}");
        await Assertions.Expect(page.Locator("#live-panel")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await page.ClickAsync("#mic");
        await page.WaitForFunctionAsync("!!window.__recognizer");

        await page.WaitForTimeoutAsync(1500); // a silent room
        await page.EvaluateAsync("window.__hear('这款保温杯有现货。')");
        await Assertions.Expect(page.Locator("#hallucinations")).ToHaveAttributeAsync("data-count", "1", new() { Timeout = 15000 });

        await page.EvaluateAsync("window.__micGain = 0.5"); // the host speaks
        await page.WaitForTimeoutAsync(1500);
        await page.EvaluateAsync("window.__hear('五百个起批。')");
        await Assertions.Expect(page.Locator("#transcript li").First.Locator(".source")).ToHaveTextAsync("五百个起批。", new() { Timeout = 10000 });
        await Assertions.Expect(page.Locator("#hallucinations")).ToHaveAttributeAsync("data-count", "1");
        var export = await client.GetStringAsync($"/api/sessions/{id}/captions.vtt?lang=zh");
        Assert.DoesNotContain("有现货", export, StringComparison.Ordinal);
        Assert.Contains("五百个起批", export, StringComparison.Ordinal);
    }
}
