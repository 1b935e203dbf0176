using System.Buffers.Binary;
using System.Xml.Linq;
using LiveAssist.Speech.Audio;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Host.IntegrationTests.Presenter;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>
/// Presenter lines made once across hosts: two real hosts on one redis-server are asked for the same line at the same
/// moment; a loopback fake of Azure text to speech (slow, so the two requests overlap) counts the syntheses.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class SharedPresenterLineTests : IAsyncLifetime
{
    private const string Source = "欢迎来到直播间。";
    private static readonly Dictionary<string, string> Lines = new() { ["en"] = "Welcome to our live shop." };

    private RedisServer _redis = null!;
    private LoopbackServer _tts = null!;
    private int _syntheses;

    public async Task InitializeAsync()
    {
        if (RedisServer.Find() is null)
        {
            return; // skipped, see RedisFactAttribute
        }

        _redis = await RedisServer.StartAsync();
        _tts = await LoopbackServer.StartAsync((routes, _) => routes.MapPost("/cognitiveservices/v1", SynthesizeAsync), port: HostProcess.FreePortIn(5400, 5499));
    }

    public async Task DisposeAsync()
    {
        if (_tts is not null)
        {
            await _tts.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [RedisFact]
    public async Task TheSameLineAskedOnTwoHostsAtOnce_IsVoicedOnce_AndBothServeTheSameAudio()
    {
        var environment = new Dictionary<string, string>
        {
            ["Redis__Configuration"] = _redis.Configuration,
            ["Tts__Engines__0"] = "azure",
            ["Tts__Engines__1"] = "espeak",
            ["Tts__Prefetch"] = "false", // the test asks for the line itself, on both hosts at once
            ["Tts__Azure__Key"] = "tts-key",
            ["Tts__Azure__Region"] = "westeurope",
            ["Tts__Azure__Endpoint"] = _tts.BaseUrl,
            ["Tts__Azure__OutputFormat"] = "riff-16khz-16bit-mono-pcm",
        };
        await using var a = await HostProcess.StartAsync(environment, port: HostProcess.FreePortIn(5400, 5499));
        await using var b = await HostProcess.StartAsync(environment, port: HostProcess.FreePortIn(5400, 5499));
        using var onA = new HttpClient { BaseAddress = new Uri(a.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        using var onB = new HttpClient { BaseAddress = new Uri(b.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var (id, key) = await CaptionSessions.CreateAsync(onA, ["en"], PresenterLines.Script(Source, Lines));
        var seq = await CaptionSessions.SayAsync(onA, id, key, Source, final: true, 0, 6000);

        var lines = await Task.WhenAll(PresenterLines.GetAsync(onA, id, seq, "en"), PresenterLines.GetAsync(onB, id, seq, "en"));

        Assert.Equal(1, Volatile.Read(ref _syntheses));
        Assert.All(lines, l => Assert.Equal("azure", l.GetProperty("engine").GetString()));
        Assert.Equal(lines[0].GetRawText(), lines[1].GetRawText());
        var audioOnA = await onA.GetByteArrayAsync(lines[0].GetProperty("audioUrl").GetString());
        var audioOnB = await onB.GetByteArrayAsync(lines[1].GetProperty("audioUrl").GetString());
        Assert.True(audioOnA.Length > 44, "A serves the line's audio");
        Assert.Equal(audioOnA, audioOnB);
        Assert.Equal(LiveAssist.Presenter.Lines.AiGeneratedWav.Comment, LiveAssist.Presenter.Lines.AiGeneratedWav.CommentOf(audioOnB));

        // Asked again later on B, from B's own copy: still one synthesis.
        await PresenterLines.GetAsync(onB, id, seq, "en");
        Assert.Equal(1, Volatile.Read(ref _syntheses));
    }

    // A second of work per line, so both hosts' requests arrive while the first is being voiced.
    private async Task SynthesizeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _syntheses);
        using var reader = new StreamReader(context.Request.Body);
        var text = XDocument.Parse(await reader.ReadToEndAsync()).Root!.Value;
        await Task.Delay(1000);
        var milliseconds = text.Length * 70;
        var pcm = new byte[milliseconds * 16];
        for (var i = 0; i < pcm.Length / 2; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), (short)(3000 * Math.Sin(i * 0.1)));
        }

        context.Response.ContentType = "audio/wav";
        await context.Response.Body.WriteAsync(new SpeechSegment(pcm, 16000, 0, milliseconds).ToWav());
    }
}
