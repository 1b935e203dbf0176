using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Xml.Linq;
using LiveAssist.Speech.Audio;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Host.IntegrationTests.Presenter;

/// <summary>Azure text to speech (REST) as the presenter's first voice, against a loopback fake of the service.</summary>
public sealed class AzureTtsTests : IAsyncLifetime
{
    private const string Key = "tts-key-123";
    private const string Source = "欢迎来到直播间。";
    private static readonly Dictionary<string, string> Lines = new() { ["es"] = "Bienvenidos a nuestra tienda en vivo.", ["en"] = "Welcome to our live shop." };

    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();
    private LoopbackServer _tts = null!;

    public async Task InitializeAsync() => _tts = await LoopbackServer.StartAsync((routes, _) =>
    {
        routes.MapPost("/cognitiveservices/v1", Synthesize);
        // The region has Elvira but not Alvaro (the default Spanish voice).
        routes.MapGet("/cognitiveservices/voices/list", () => Results.Json(new object[]
        {
            new { ShortName = "es-ES-ElviraNeural", Locale = "es-ES", VoiceType = "Neural", Status = "GA" },
            new { ShortName = "en-US-AvaMultilingualNeural", Locale = "en-US", VoiceType = "Neural", Status = "GA" },
        }));
    });

    public async Task DisposeAsync() => await _tts.DisposeAsync();

    [Fact]
    public async Task A_line_is_sent_as_valid_ssml_with_the_regions_voice_and_the_configured_format_and_its_timings_follow_the_azure_audio()
    {
        await using var factory = Factory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["es", "en"], PresenterLines.Script(Source, Lines));
        var seq = await CaptionSessions.SayAsync(client, id, key, Source, final: true, 0, 6000);

        var line = await PresenterLines.GetAsync(client, id, seq, "es");

        var request = await _tts.WaitForAsync(r => r.Path == "/cognitiveservices/v1" && r.Body.Contains("es-ES", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(Key, request.Headers["Ocp-Apim-Subscription-Key"]);
        Assert.Equal("riff-16khz-16bit-mono-pcm", request.Headers["X-Microsoft-OutputFormat"]);
        Assert.StartsWith("application/ssml+xml", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(request.Headers["User-Agent"]));
        var ssml = XDocument.Parse(request.Body);
        XNamespace synthesis = "http://www.w3.org/2001/10/synthesis";
        Assert.Equal(synthesis + "speak", ssml.Root!.Name);
        Assert.Equal("1.0", ssml.Root.Attribute("version")!.Value);
        Assert.Equal("es-ES", ssml.Root.Attribute(XNamespace.Xml + "lang")!.Value);
        var voice = Assert.Single(ssml.Root.Elements(synthesis + "voice"));
        Assert.Equal("es-ES-ElviraNeural", voice.Attribute("name")!.Value);
        Assert.Equal(Lines["es"], voice.Value);

        Assert.Equal("azure", line.GetProperty("engine").GetString());
        Assert.Equal("es-ES-ElviraNeural", line.GetProperty("voice").GetString());
        Assert.Equal("espeak-aligned", line.GetProperty("timings").GetString());
        Assert.Empty(PresenterLines.Flags(line));
        // The fake's audio is 16 kHz; its length is what the line says, and the tracks end inside it.
        var (rate, samples) = await PresenterLines.AudioAsync(client, line);
        Assert.Equal(16000, rate);
        var duration = line.GetProperty("durationMs").GetInt32();
        Assert.Equal(FakeAudioMs(Lines["es"]), duration);
        Assert.Equal(duration, samples.Length * 1000 / rate);
        var visemes = PresenterLines.Visemes(line);
        Assert.Equal(0, visemes[^1].Id);
        Assert.InRange(visemes[^1].OffsetMs, duration / 2, duration);
        Assert.Equal(Lines["es"].TrimEnd('.').Split(' '), PresenterLines.Words(line).Select(w => w.Text));
    }

    [Theory]
    [InlineData(401, null)]
    [InlineData(429, "30")]
    [InlineData(500, null)]
    public async Task A_refusing_service_hands_the_line_to_espeak_flagged_and_only_a_server_error_is_retried_on_the_next_line(int status, string? retryAfter)
    {
        _failures.Enqueue((status, retryAfter));
        await using var factory = Factory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"], PresenterLines.Script(Source, Lines));
        var first = await CaptionSessions.SayAsync(client, id, key, Source, final: true, 0, 6000);

        var failed = await PresenterLines.GetAsync(client, id, first, "en");

        Assert.Equal("espeak", failed.GetProperty("engine").GetString());
        Assert.Contains("fallback", PresenterLines.Flags(failed));
        var failure = Assert.Single(failed.GetProperty("failures").EnumerateArray());
        Assert.Equal("azure", failure.GetProperty("engine").GetString());
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(await client.GetByteArrayAsync(failed.GetProperty("audioUrl").GetString()));

        var second = await CaptionSessions.SayAsync(client, id, key, Source, final: true, 6000, 12000);
        var next = await PresenterLines.GetAsync(client, id, second, "en");
        var calls = _tts.Requests.Count(r => r.Path == "/cognitiveservices/v1");
        if (status == 500)
        {
            Assert.Equal("azure", next.GetProperty("engine").GetString()); // a passing error: the next line asks again
            Assert.Equal(2, calls);
        }
        else
        {
            Assert.Equal("espeak", next.GetProperty("engine").GetString()); // refused key or Retry-After: the service is left alone
            Assert.Equal(1, calls);
        }
    }

    private LiveAssistFactory Factory() => new(new Dictionary<string, string?>
    {
        ["Tts:Engines:0"] = "azure",
        ["Tts:Engines:1"] = "espeak",
        ["Tts:Prefetch"] = "false", // each test asks for its lines itself
        ["Tts:Azure:Key"] = Key,
        ["Tts:Azure:Region"] = "westeurope",
        ["Tts:Azure:Endpoint"] = _tts.BaseUrl,
        ["Tts:Azure:OutputFormat"] = "riff-16khz-16bit-mono-pcm",
    });

    // 70 ms per character of the line, so tests can tell the fake's length from espeak's.
    private static int FakeAudioMs(string text) => text.Length * 70;

    private async Task Synthesize(HttpContext context)
    {
        if (_failures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            return;
        }

        var format = context.Request.Headers["X-Microsoft-OutputFormat"].ToString();
        var rate = format.StartsWith("riff-16khz", StringComparison.Ordinal) ? 16000 : 24000;
        using var reader = new StreamReader(context.Request.Body);
        var text = XDocument.Parse(await reader.ReadToEndAsync()).Root!.Value;
        var milliseconds = FakeAudioMs(text);
        var pcm = new byte[milliseconds * rate / 1000 * 2];
        for (var i = 0; i < pcm.Length / 2; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), (short)(3000 * Math.Sin(i * 0.1)));
        }

        var wav = new SpeechSegment(pcm, rate, 0, milliseconds).ToWav();
        context.Response.ContentType = "audio/wav";
        await context.Response.Body.WriteAsync(wav);
    }
}
