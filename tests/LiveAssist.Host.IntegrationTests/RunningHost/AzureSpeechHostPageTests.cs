using System.Collections.Concurrent;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Testing;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>The host page's microphone through the Azure Speech JS SDK (stubbed: no Azure here) with a token the server issues.</summary>
public sealed class AzureSpeechHostPageTests : ChromiumTest
{
    private const string SpeechKey = "speech-resource-key-9f8e7d";

    // Stands in for microsoft.cognitiveservices.speech.sdk.bundle-min.js: records how it was configured, then "hears" a partial and a final line.
    private const string FakeSdk = """
        window.__speech = { refreshed: [] };
        window.SpeechSDK = {
          ResultReason: { RecognizingSpeech: 2, RecognizedSpeech: 3 },
          SpeechConfig: { fromAuthorizationToken(token, region) { window.__speech.token = token; window.__speech.region = region; return {}; } },
          AudioConfig: { fromDefaultMicrophoneInput() { return {}; } },
          SpeechRecognizer: class {
            constructor(config) { this.config = config; }
            set authorizationToken(t) { window.__speech.refreshed.push(t); }
            startContinuousRecognitionAsync() {
              window.__speech.language = this.config.speechRecognitionLanguage;
              setTimeout(() => this.recognizing(this, { result: { text: '晨光保温杯', reason: 2 } }), 50);
              setTimeout(() => this.recognized(this, { result: { text: '晨光保温杯五百个起批。', reason: 3 } }), 400);
            }
            stopContinuousRecognitionAsync(done) { done && done(); }
            close() {}
          }
        };
        """;

    [Fact]
    public async Task Speech_recognized_by_the_Azure_SDK_reaches_the_captions_and_the_page_never_holds_the_key()
    {
        await using var speech = await FakeSpeechService.StartAsync();
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Speech__Azure__Key"] = SpeechKey,
            ["Speech__Azure__Region"] = "westeurope",
            ["Speech__Azure__TokenEndpoint"] = speech.BaseUrl,
        });
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var bodies = new ConcurrentBag<string>();
        page.Response += async (_, response) =>
        {
            try
            {
                bodies.Add(response.Url + "\n" + string.Join("\n", (await response.AllHeadersAsync()).Select(h => h.Key + ": " + h.Value)) + "\n" + await response.TextAsync());
            }
            catch (PlaywrightException)
            {
                // streams (SSE) and redirects have no body to read
            }
        };
        await page.RouteAsync("**/lib/speech-sdk/**", route => route.FulfillAsync(new() { Body = FakeSdk, ContentType = "text/javascript" }));
        await page.GotoAsync($"{host.BaseUrl}/host/{id}#key={Uri.EscapeDataString(key)}");
        await Assertions.Expect(page.Locator("#live-panel")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#engines")).ToContainTextAsync("识别：Azure 语音识别", new() { Timeout = 10000 });

        await page.ClickAsync("#mic");
        var first = page.Locator("#transcript li").First;
        await Assertions.Expect(first.Locator(".source")).ToHaveTextAsync("晨光保温杯五百个起批。", new() { Timeout = 10000 });
        await Assertions.Expect(first.Locator(".line[data-lang='en']")).ToContainTextAsync("500", new() { Timeout = 10000 });

        // The SDK got the server's short-lived token, the region and the session's locale.
        Assert.Equal("token-1", await page.EvaluateAsync<string>("window.__speech.token"));
        Assert.Equal("westeurope", await page.EvaluateAsync<string>("window.__speech.region"));
        Assert.Equal("zh-CN", await page.EvaluateAsync<string>("window.__speech.language"));

        // Nothing the page received or holds contains the key.
        Assert.NotEmpty(bodies);
        Assert.DoesNotContain(bodies, b => b.Contains(SpeechKey, StringComparison.Ordinal));
        Assert.DoesNotContain(SpeechKey, await page.ContentAsync(), StringComparison.Ordinal);
        var globals = await page.EvaluateAsync<string>("JSON.stringify({ s: window.__speech, l: Object.assign({}, localStorage), ss: Object.assign({}, sessionStorage), c: document.cookie })");
        Assert.DoesNotContain(SpeechKey, globals, StringComparison.Ordinal);

        // The stored caption says the Azure SDK heard it.
        var export = await client.GetStringAsync($"/api/sessions/{id}/captions.json?lang=en");
        Assert.Contains("\"recognizer\": \"azure-sdk\"", export, StringComparison.Ordinal);

        // The token endpoint is for the session's host only.
        using var anonymous = await client.PostAsync($"/api/sessions/{id}/speech-token", null);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
