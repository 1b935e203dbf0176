using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>The presenter page as Azure's real-time avatar, with the Speech SDK stubbed (no Azure here) and a fake token and relay service.</summary>
public sealed class AzureAvatarPageTests : ChromiumTest
{
    private const string Key = "tts-avatar-key-5c4b3a";

    // Stands in for the Speech SDK bundle: records tokens, sessions and the SSML of each line; window.__avatarFake.failSpeak makes it refuse.
    private const string FakeSdk = """
        window.__avatarFake = { tokens: [], started: 0, closed: 0, ssml: [], failSpeak: false, iceServers: [] };
        window.SpeechSDK = {
          ResultReason: { SynthesizingAudioCompleted: 10, Canceled: 1 },
          SpeechConfig: { fromAuthorizationToken(token, region) { window.__avatarFake.tokens.push(token); window.__avatarFake.region = region; return {}; } },
          AvatarVideoFormat: class {},
          AvatarConfig: class { constructor(character, style) { window.__avatarFake.character = character; window.__avatarFake.style = style; } },
          AvatarSynthesizer: class {
            constructor(config) { this.id = ++window.__avatarFake.started; }
            async startAvatarAsync(peer) { window.__avatarFake.iceServers.push(peer.getConfiguration().iceServers); return { reason: 10 }; }
            async speakSsmlAsync(ssml) {
              if (window.__avatarFake.failSpeak) return { reason: 1, errorDetails: 'connection closed by the service' };
              window.__avatarFake.ssml.push({ session: this.id, ssml });
              await new Promise(r => setTimeout(r, 300));
              return { reason: 10 };
            }
            close() { window.__avatarFake.closed++; }
          }
        };
        """;

    [Fact]
    public async Task The_Azure_avatar_gets_its_token_from_the_server_speaks_each_lines_SSML_is_renewed_before_the_limit_and_the_built_in_presenter_takes_over_when_it_fails()
    {
        var tokens = 0;
        var relayKeys = new ConcurrentBag<string>();
        await using var azure = await LoopbackServer.StartAsync((routes, _) =>
        {
            routes.MapPost("/sts/v1.0/issueToken", () => Results.Text("avatar-token-" + Interlocked.Increment(ref tokens)));
            routes.MapGet("/cognitiveservices/avatar/relay/token/v1", (HttpRequest r) =>
            {
                relayKeys.Add(r.Headers["Ocp-Apim-Subscription-Key"].ToString());
                return Results.Json(new { Urls = new[] { "turn:relay.communication.example:3478" }, Username = "relay-user", Password = "relay-pass" });
            });
        });
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Tts__Engines__0"] = "espeak", // the built-in voice, for the fallback; the avatar speaks with its own
            ["Tts__Azure__Key"] = Key,
            ["Tts__Azure__Region"] = "westeurope",
            ["Tts__Azure__Endpoint"] = azure.BaseUrl,
            ["Tts__Azure__TokenEndpoint"] = azure.BaseUrl,
            ["Tts__Azure__AvatarRenewSeconds"] = "4",
        });
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var script = new[]
        {
            new { source = "欢迎来到直播间。", translations = new Dictionary<string, string> { ["en"] = "Welcome to our live room." } },
            new { source = "这款杯子很受欢迎。", translations = new Dictionary<string, string> { ["en"] = "This cup is very popular with buyers." } },
            new { source = "今天有优惠。", translations = new Dictionary<string, string> { ["en"] = "There is a discount today." } },
        };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"], script);

        // Before the merchant chooses the avatar, nobody gets a token for it.
        using (var refused = await client.PostAsync($"/api/sessions/{id}/presenter/avatar-session", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/presenter")
        {
            Content = new StringContent("""{"look":"azure-avatar","avatarCharacter":"lisa","avatarStyle":"casual-sitting","voices":{"en":{"azure":"en-US-JennyNeural"}}}""", System.Text.Encoding.UTF8, "application/json"),
        })
        {
            put.Headers.Add("X-Host-Key", key);
            using var saved = await client.SendAsync(put);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 960, Height = 540 } });
        var bodies = new ConcurrentBag<string>();
        page.Response += async (_, response) =>
        {
            try
            {
                bodies.Add(response.Url + "\n" + await response.TextAsync());
            }
            catch (PlaywrightException)
            {
                // streams (SSE) and media have no body to read
            }
        };
        await page.RouteAsync("**/lib/speech-sdk/**", route => route.FulfillAsync(new() { Body = FakeSdk, ContentType = "text/javascript" }));
        await page.GotoAsync($"{host.BaseUrl}/avatar/{id}?lang=en");
        await page.WaitForFunctionAsync("window.__presenter.ready && document.body.dataset.connected === 'true'", null, new() { Timeout = 20000 });
        Assert.True("azure-avatar" == await page.EvaluateAsync<string>("window.__presenter.look"), await page.EvaluateAsync<string>("String(window.__presenter.error)"));
        await Assertions.Expect(page.Locator("#azure-avatar")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ai-label")).ToBeVisibleAsync();

        // The SDK got the server's token, the region, the character, and the relay Azure issued (asked for with the key, on the server).
        Assert.Equal("avatar-token-1", await page.EvaluateAsync<string>("window.__avatarFake.tokens[0]"));
        Assert.Equal("westeurope", await page.EvaluateAsync<string>("window.__avatarFake.region"));
        Assert.Equal("lisa", await page.EvaluateAsync<string>("window.__avatarFake.character"));
        Assert.Equal("relay-user", await page.EvaluateAsync<string>("window.__avatarFake.iceServers[0][0].username"));
        Assert.All(relayKeys, k => Assert.Equal(Key, k));

        // Each line's SSML, with the live's Azure voice, is what the avatar speaks; the caption shows underneath.
        var first = await CaptionSessions.SayAsync(client, id, key, script[0].source, final: true, 0, 5000);
        await page.WaitForFunctionAsync("window.__avatarFake.ssml.length >= 1", null, new() { Timeout = 30000 });
        var ssml = await page.EvaluateAsync<string>("window.__avatarFake.ssml[0].ssml");
        Assert.Contains("Welcome to our live room.", ssml, StringComparison.Ordinal);
        Assert.Contains("name=\"en-US-JennyNeural\"", ssml, StringComparison.Ordinal);
        Assert.StartsWith("<speak", ssml, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#caption")).ToHaveTextAsync("Welcome to our live room.");
        await page.WaitForFunctionAsync($"window.avatarLog.some(e => e.type === 'end' && e.seq === {first})", null, new() { Timeout = 20000 });
        Assert.False(await page.EvaluateAsync<bool>($"window.avatarLog.find(e => e.type === 'start' && e.seq === {first}).audio")); // not the espeak WAV

        // Renewed before the limit: a second session opens, the first is closed, the next line goes to the new one.
        await page.WaitForFunctionAsync("window.__avatarFake.started >= 2 && window.__avatarFake.closed >= 1", null, new() { Timeout = 20000 });
        // The new session asked the server again (a token, reused while it is fresh, and a new relay grant).
        Assert.StartsWith("avatar-token-", await page.EvaluateAsync<string>("window.__avatarFake.tokens[1]"), StringComparison.Ordinal);
        Assert.True(relayKeys.Count >= 2, $"{relayKeys.Count} relay grants");
        await CaptionSessions.SayAsync(client, id, key, script[1].source, final: true, 5000, 10000);
        await page.WaitForFunctionAsync("window.__avatarFake.ssml.length >= 2", null, new() { Timeout = 30000 });
        Assert.True(await page.EvaluateAsync<int>("window.__avatarFake.ssml[1].session") >= 2, "the second line was spoken on the old session");
        Assert.Equal("azure-avatar", await page.EvaluateAsync<string>("window.__presenter.look"));

        // The service refuses: the built-in presenter speaks the line with its own voice, and stays.
        await page.EvaluateAsync("window.__avatarFake.failSpeak = true");
        var third = await CaptionSessions.SayAsync(client, id, key, script[2].source, final: true, 10000, 15000);
        await page.WaitForFunctionAsync($"window.avatarLog.some(e => e.type === 'end' && e.seq === {third})", null, new() { Timeout = 30000 });
        var log = await page.EvaluateAsync<JsonElement>("window.avatarLog");
        Assert.Contains(log.EnumerateArray(), e => e.GetProperty("type").GetString() == "fallback");
        Assert.True(log.EnumerateArray().Last(e => e.GetProperty("type").GetString() == "start").GetProperty("audio").GetBoolean(), "the fallback did not play the line's audio");
        Assert.Equal("builtin", await page.EvaluateAsync<string>("window.__presenter.look"));
        await Assertions.Expect(page.Locator("#builtin")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#azure-avatar")).ToBeHiddenAsync();

        // Nothing the page received or holds contains the key.
        Assert.NotEmpty(bodies);
        Assert.DoesNotContain(bodies, b => b.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(Key, await page.EvaluateAsync<string>("JSON.stringify({ a: window.__avatarFake, p: window.__presenter.avatar, l: Object.assign({}, localStorage) })"), StringComparison.Ordinal);
    }
}
