using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.Engines;

/// <summary>Engines chosen and ordered by configuration: a failing WebSocket recognizer hands over to the REST one; <c>/readyz</c> reports each engine.</summary>
public sealed class EngineFallbackAndHealthTests
{
    [Fact]
    public async Task When_the_speech_websocket_fails_the_short_audio_rest_api_recognizes_the_segment_and_readyz_shows_both_engines()
    {
        await using var speech = await FakeSpeechService.StartAsync();
        speech.OnAudio = turn => turn.Connection.CloseAsync(WebSocketCloseStatus.InvalidPayloadData, "unsupported audio format");
        speech.ShortAudioAnswer = """{"RecognitionStatus":"Success","DisplayText":"五百个起批。","Offset":"1000000","Duration":"15000000","NBest":[{"Confidence":0.93,"Display":"五百个起批。"}]}""";
        var (pcm, _) = await AudioSegmentationTests.ComposeAsync(["The minimum order is five hundred pieces"], pauseMs: 1000);
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["Speech:Engines:0"] = "azure",
            ["Speech:Engines:1"] = "azure-rest",
            ["Speech:Azure:Key"] = "speech-key",
            ["Speech:Azure:Region"] = "westeurope",
            ["Speech:Azure:TokenEndpoint"] = speech.BaseUrl,
            ["Speech:Azure:Endpoint"] = speech.WebSocketBase,
            ["Speech:Azure:RestEndpoint"] = speech.BaseUrl,
            ["Translator:Engines:0"] = "azure",
            ["Translator:Azure:Key"] = "translator-key",
            ["Translator:Azure:Endpoint"] = "http://127.0.0.1:" + HostProcess.FreePort(), // nobody listens
            ["Translator:EngineTimeoutMs"] = "500",
        });
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        await using var captions = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");

        var messages = await AudioSegmentationTests.StreamAsync(factory.Server, $"/api/sessions/{id}/audio?key={Uri.EscapeDataString(key)}", pcm);

        Assert.Single(speech.Connections); // a protocol error is not retried on the socket
        Assert.True(speech.ShortAudioUploads.Count == 1, string.Join("\n", messages));
        var upload = Assert.Single(speech.ShortAudioUploads);
        Assert.Contains("language=zh-CN", upload.Query, StringComparison.Ordinal);
        Assert.StartsWith("audio/wav; codecs=audio/pcm; samplerate=16000", upload.ContentType, StringComparison.Ordinal);
        Assert.Equal("Bearer token-1", upload.Authorization);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(upload.Wav, 0, 4));
        var recognized = Assert.Single(messages, m => m.GetProperty("type").GetString() == "recognized");
        Assert.Equal("azure-rest", recognized.GetProperty("engine").GetString());
        await captions.WaitUntilAsync(r => r.Captions("final").Count == 1, "the caption");
        var caption = captions.Captions("final")[0];
        Assert.Equal("azure-rest", caption.GetProperty("recognizer").GetString());
        Assert.Contains("500", caption.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("fallback", caption.GetProperty("flags").EnumerateArray().Select(f => f.GetString())); // the unreachable translator

        using var ready = await client.GetAsync("/readyz");
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200, (int)ready.StatusCode); // captions still flow through the fallbacks
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        var engines = body.GetProperty("engines").EnumerateArray().Select(e => (Kind: e.GetProperty("kind").GetString(), Name: e.GetProperty("name").GetString(), Status: e.GetProperty("status").GetString())).ToList();
        Assert.Equal([("speech", "azure", "ok"), ("speech", "azure-rest", "ok"), ("translator", "azure", "unavailable"), ("translator", "offline", "ok"), ("tts", "espeak", "ok")], engines);

        // Each chain remembers why an engine last handed over: the socket that closed, the translator nobody answers.
        var lastFailures = body.GetProperty("engines").EnumerateArray().ToDictionary(e => $"{e.GetProperty("kind").GetString()}/{e.GetProperty("name").GetString()}",
            e => e.GetProperty("lastFailure").ValueKind == JsonValueKind.String ? e.GetProperty("lastFailure").GetString() : null);
        Assert.NotNull(lastFailures["speech/azure"]);
        Assert.NotNull(lastFailures["translator/azure"]);
        Assert.Null(lastFailures["speech/azure-rest"]);
        Assert.Null(lastFailures["translator/offline"]);
    }

    [Fact]
    public async Task With_no_keys_readyz_lists_the_embedded_engines_only_and_is_ready()
    {
        await using var factory = new LiveAssistFactory();
        var body = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ready", body.GetProperty("status").GetString());
        var engines = body.GetProperty("engines").EnumerateArray().Select(e => (Kind: e.GetProperty("kind").GetString(), Name: e.GetProperty("name").GetString(), Status: e.GetProperty("status").GetString())).ToList();
        Assert.Equal([("translator", "offline", "ok"), ("tts", "espeak", "ok")], engines); // the presenter's voice: espeak-ng's library loaded
    }
}
