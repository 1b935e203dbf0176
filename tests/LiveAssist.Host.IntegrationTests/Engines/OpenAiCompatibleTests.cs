using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Host.IntegrationTests.Engines;

/// <summary>OpenAI-compatible servers (whisper.cpp, faster-whisper, Ollama, vLLM) for transcription and caption translation, faked on loopback.</summary>
public sealed class OpenAiCompatibleTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(byte[] Wav, string ContentType, string FileName, Dictionary<string, string> Fields)> _transcriptions = new();
    private readonly ConcurrentQueue<JsonElement> _chats = new();
    private LoopbackServer _server = null!;

    /// <summary>What the fake chat model answers (a JSON object keyed by language).</summary>
    private string _chatAnswer = "{}";

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync((routes, _) =>
    {
        routes.MapPost("/v1/audio/transcriptions", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var file = form.Files["file"]!;
            using var wav = new MemoryStream();
            await file.CopyToAsync(wav);
            _transcriptions.Enqueue((wav.ToArray(), file.ContentType, file.FileName, form.Where(f => f.Key != "file").ToDictionary(f => f.Key, f => f.Value.ToString())));
            return Results.Json(new { text = $"第{_transcriptions.Count}段，欢迎来到晨光直播间。" });
        });
        routes.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            _chats.Enqueue((await JsonDocument.ParseAsync(request.Body)).RootElement.Clone());
            return Results.Json(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = "qwen2.5:7b",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = _chatAnswer }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            });
        });
        routes.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "whisper-1", @object = "model" } } }));
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Espeak_speech_streamed_to_the_audio_socket_reaches_the_server_as_wav_segments_and_its_text_becomes_captions_in_every_language()
    {
        string[] phrases = ["Welcome to our live stream from Yiwu", "The minimum order is five hundred pieces"];
        var (pcm, spoken) = await AudioSegmentationTests.ComposeAsync(phrases, pauseMs: 1000);
        string[] languages = ["en", "es", "ar"];
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["Speech:Engines:0"] = "openai",
            ["Speech:OpenAi:BaseUrl"] = _server.BaseUrl + "/v1",
            ["Speech:OpenAi:Model"] = "whisper-large-v3",
            ["Speech:OpenAi:ApiKey"] = "local-key",
        });
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, languages);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, languages);

        var messages = await AudioSegmentationTests.StreamAsync(factory.Server, $"/api/sessions/{id}/audio?key={Uri.EscapeDataString(key)}", pcm);

        var uploads = _transcriptions.ToList();
        Assert.Equal(phrases.Length, uploads.Count);
        foreach (var (upload, i) in uploads.Select((u, i) => (u, i)))
        {
            var wav = upload.Wav;
            Assert.Equal("audio/wav", upload.ContentType);
            Assert.EndsWith(".wav", upload.FileName, StringComparison.Ordinal);
            Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
            Assert.Equal("WAVE", Encoding.ASCII.GetString(wav, 8, 4));
            Assert.Equal(1, BitConverter.ToInt16(wav, 20)); // PCM
            Assert.Equal(1, BitConverter.ToInt16(wav, 22)); // mono
            Assert.Equal(16_000, BitConverter.ToInt32(wav, 24));
            Assert.Equal(16, BitConverter.ToInt16(wav, 34));
            Assert.Equal(wav.Length - 44, BitConverter.ToInt32(wav, 40));
            var seconds = (wav.Length - 44) / 32_000.0;
            var (start, end) = spoken[i];
            Assert.InRange(seconds, (end - start) / 1000.0, (end - start) / 1000.0 + 1.2); // the phrase, with a little pre-roll and pause
            Assert.Equal("whisper-large-v3", upload.Fields["model"]);
            Assert.Equal("zh", upload.Fields["language"]);
            Assert.Contains("晨光", upload.Fields["prompt"], StringComparison.Ordinal); // the session glossary primes the model
            Assert.Contains("SunnyCup", upload.Fields["prompt"], StringComparison.Ordinal);
        }

        Assert.All(_server.Requests.Where(r => r.Path.Contains("transcriptions", StringComparison.Ordinal)), r => Assert.Equal("Bearer local-key", r.Authorization));
        Assert.Equal(phrases.Length, messages.Count(m => m.GetProperty("type").GetString() == "recognized" && m.GetProperty("engine").GetString() == "openai"));
        foreach (var (lang, stream) in streams)
        {
            await stream.WaitUntilAsync(r => r.Captions("final").Count == phrases.Length, $"{lang} captions");
            var captions = stream.Captions("final");
            Assert.All(captions, c => Assert.Equal("openai", c.GetProperty("recognizer").GetString()));
            Assert.StartsWith("第1段", captions[0].GetProperty("sourceText").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("第2段", captions[1].GetProperty("sourceText").GetString(), StringComparison.Ordinal);
            Assert.All(captions, c => Assert.Contains(lang == "ar" ? "تشينغوانغ" : "Chenguang", c.GetProperty("text").GetString(), StringComparison.Ordinal));
            await stream.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_chat_model_gets_the_glossary_and_figures_rule_and_an_answer_that_changes_a_price_is_rejected()
    {
        _chatAnswer = """
            ```json
            {"en": "This Chenguang Vacuum Flask is 1.85 each, minimum order 500.", "es": "Este termo Chenguang cuesta 2,85 cada uno, pedido mínimo 500."}
            ```
            """;
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["Translator:Engines:0"] = "openai",
            ["Translator:OpenAi:BaseUrl"] = _server.BaseUrl + "/v1",
            ["Translator:OpenAi:Model"] = "qwen2.5:7b",
        });
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "es"]);
        var en = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");
        var es = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=es");

        await CaptionSessions.SayAsync(client, id, key, "晨光保温杯一块八毛五一个，五百个起批。", final: true, 0, 3000);
        await en.WaitUntilAsync(r => r.Captions("final").Count == 1, "the English caption");
        await es.WaitUntilAsync(r => r.Captions("final").Count == 1, "the Spanish caption");

        var request = Assert.Single(_chats);
        Assert.Equal("qwen2.5:7b", request.GetProperty("model").GetString());
        var system = request.GetProperty("messages")[0];
        Assert.Equal("system", system.GetProperty("role").GetString());
        var prompt = system.GetProperty("content").ToString();
        Assert.Contains("\"保温杯\" | en: \"Vacuum Flask\" | es: \"termo\"", prompt, StringComparison.Ordinal);
        Assert.Contains("\"晨光\" | en: \"Chenguang\" | es: \"Chenguang\"", prompt, StringComparison.Ordinal);
        Assert.Contains("keep every number, price", prompt, StringComparison.Ordinal);
        Assert.Contains("晨光保温杯一块八毛五一个", request.GetProperty("messages")[1].GetProperty("content").ToString(), StringComparison.Ordinal);

        var english = en.Captions("final")[0];
        Assert.Equal("openai", english.GetProperty("engine").GetString());
        Assert.Equal("This Chenguang Vacuum Flask is 1.85 each, minimum order 500.", english.GetProperty("text").GetString());

        // The model's Spanish said 2,85: never shown; the next engine translated it with the right price.
        var spanish = es.Captions("final")[0];
        Assert.StartsWith("offline", spanish.GetProperty("engine").GetString(), StringComparison.Ordinal);
        Assert.Contains("figures-retranslated", spanish.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.DoesNotContain("2,85", spanish.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("1,85", spanish.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(es.Events, e => e.Data.ToString().Contains("2,85", StringComparison.Ordinal)); // not even as a partial
        await en.DisposeAsync();
        await es.DisposeAsync();
    }

    [Fact]
    public async Task A_model_that_writes_yuan_for_a_price_the_USD_catalog_says_in_kuai_is_not_shown_and_is_told_the_currency()
    {
        _chatAnswer = """
            {"en": "This vacuum flask is 1.85 yuan each, minimum order 500.", "es": "Este termo cuesta 1,85 dólares cada uno, pedido mínimo 500."}
            """;
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["Translator:Engines:0"] = "openai",
            ["Translator:OpenAi:BaseUrl"] = _server.BaseUrl + "/v1",
            ["Translator:OpenAi:Model"] = "qwen2.5:7b",
        });
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "es"], currency: "USD");
        var en = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");
        var es = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=es");

        await CaptionSessions.SayAsync(client, id, key, "这款保温杯一块八毛五一个，五百个起批。", final: true, 0, 3000);
        await en.WaitUntilAsync(r => r.Captions("final").Count == 1, "the English caption");
        await es.WaitUntilAsync(r => r.Captions("final").Count == 1, "the Spanish caption");

        // The model was told what 块 means here; its English still said yuan: never shown, the price captioned in dollars.
        Assert.Contains("Prices said with 块, 元 or 毛 are in USD on this live", Assert.Single(_chats).GetProperty("messages")[0].GetProperty("content").ToString(), StringComparison.Ordinal);
        var english = en.Captions("final")[0];
        Assert.DoesNotContain("yuan", english.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("US$1.85", english.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("figures-retranslated", english.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.DoesNotContain(en.Events, e => e.Data.ToString().Contains("yuan", StringComparison.OrdinalIgnoreCase));

        // Its Spanish named dollars: the right currency, shown as the model wrote it.
        var spanish = es.Captions("final")[0];
        Assert.Equal("openai", spanish.GetProperty("engine").GetString());
        Assert.Equal("Este termo cuesta 1,85 dólares cada uno, pedido mínimo 500.", spanish.GetProperty("text").GetString());
        await en.DisposeAsync();
        await es.DisposeAsync();
    }
}
