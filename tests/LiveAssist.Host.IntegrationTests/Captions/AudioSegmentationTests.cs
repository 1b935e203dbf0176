using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using LiveAssist.Captions.Audio;
using LiveAssist.Speech.Audio;
using LiveAssist.Speech.Recognition;
using LiveAssist.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>Server-side audio: espeak-ng speech streamed to the audio WebSocket, cut at its pauses, recognized, captioned.</summary>
public sealed class AudioSegmentationTests
{
    private const int BytesPerMs = 32; // 16 kHz, 16-bit mono

    [Fact]
    public async Task Espeak_speech_is_cut_at_its_pauses_and_every_segment_reaches_the_recognizer_and_becomes_captions()
    {
        string[] phrases = ["Welcome to our live stream from Yiwu", "This vacuum flask costs one dollar eighty five", "The minimum order is five hundred pieces"];
        var (pcm, spoken) = await ComposeAsync(phrases, pauseMs: 1000);
        var recognizer = new RecordingRecognizer();
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?> { ["Speech:Engines:0"] = "recording" },
            services: s => s.AddKeyedSingleton<ISpeechRecognizer>("recording", recognizer));
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["es", "fr"]);
        await using var captions = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=es");

        var messages = await StreamAsync(factory.Server, $"/api/sessions/{id}/audio?key={Uri.EscapeDataString(key)}", pcm);

        // One segment per phrase, each covering its speech and cut inside the pauses around it.
        var segments = recognizer.Segments.OrderBy(s => s.StartMs).ToList();
        Assert.Equal(phrases.Length, segments.Count);
        for (var i = 0; i < phrases.Length; i++)
        {
            var (start, end) = spoken[i];
            Assert.InRange(segments[i].StartMs, start - 400, start + 60);
            Assert.InRange(segments[i].EndMs, end - 60, end + 650);
            Assert.Equal(segments[i].DurationMs * BytesPerMs, segments[i].Pcm.Length); // whole 16-bit samples, as long as it says
            var wav = segments[i].ToWav();
            Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
            Assert.Equal(segments[i].Pcm.Length, BitConverter.ToInt32(wav, 40));
            if (i > 0)
            {
                Assert.True(segments[i].StartMs >= segments[i - 1].EndMs);
            }
        }

        // The host page is told about each segment and each recognized line.
        Assert.Equal(phrases.Length, messages.Count(m => m.GetProperty("type").GetString() == "segment"));
        Assert.Equal(phrases.Length, messages.Count(m => m.GetProperty("type").GetString() == "recognized" && m.GetProperty("final").GetBoolean()));

        // What the recognizer heard becomes captions (the source-language stream is the transcript).
        await captions.WaitUntilAsync(r => r.Captions("final").Count == phrases.Length, "a caption per segment");
        var finals = captions.Captions("final");
        for (var i = 0; i < phrases.Length; i++)
        {
            Assert.StartsWith($"第{i + 1}段", finals[i].GetProperty("sourceText").GetString());
            Assert.Contains(segments[i].DurationMs.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("es")), finals[i].GetProperty("text").GetString());
            Assert.InRange(finals[i].GetProperty("startMs").GetInt64(), segments[i].StartMs, segments[i].StartMs + 60_000);
        }
    }

    [Fact]
    public async Task Without_a_configured_recognizer_the_host_page_is_told_clearly()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        var ws = factory.Server.CreateWebSocketClient();
        using var socket = await ws.ConnectAsync(new Uri(factory.Server.BaseAddress, $"/api/sessions/{id}/audio?key={Uri.EscapeDataString(key)}".Replace("http", "ws", StringComparison.Ordinal)), CancellationToken.None);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        using var message = JsonDocument.Parse(buffer.AsMemory(0, received.Count));
        Assert.Equal("no-recognizer", message.RootElement.GetProperty("code").GetString());
        Assert.Contains("browser microphone", message.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        var close = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Equal(WebSocketMessageType.Close, close.MessageType);
        Assert.Equal(AudioEndpoint.NoRecognizerCloseCode, (int)socket.CloseStatus!.Value);
    }

    [Fact]
    public async Task The_audio_socket_needs_the_host_key()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, _) = await CaptionSessions.CreateAsync(client, ["en"]);
        var ws = factory.Server.CreateWebSocketClient();
        await Assert.ThrowsAnyAsync<Exception>(() => ws.ConnectAsync(new Uri(factory.Server.BaseAddress, $"/api/sessions/{id}/audio?key=wrong".Replace("http", "ws", StringComparison.Ordinal)), CancellationToken.None));
    }

    /// <summary>The phrases spoken by espeak-ng, resampled to 16 kHz by sox, with silence between; and where the speech really is.</summary>
    internal static async Task<(byte[] Pcm, List<(long StartMs, long EndMs)> Spoken)> ComposeAsync(string[] phrases, int pauseMs)
    {
        var audio = new MemoryStream();
        var spoken = new List<(long, long)>();
        audio.Write(new byte[400 * BytesPerMs]);
        var directory = RepoPaths.NewTempDirectory("espeak");
        foreach (var (phrase, i) in phrases.Select((p, i) => (p, i)))
        {
            var wav = Path.Combine(directory, $"{i}.wav");
            var raw = Path.Combine(directory, $"{i}.raw");
            await RunAsync("espeak-ng", "-v", "en", "-s", "160", "-w", wav, phrase);
            await RunAsync("sox", wav, "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", raw);
            var samples = await File.ReadAllBytesAsync(raw);
            // The speech inside the file: from the first to the last clearly non-silent sample.
            int first = -1, last = -1;
            for (var s = 0; s + 1 < samples.Length; s += 2)
            {
                if (Math.Abs((short)(samples[s] | samples[s + 1] << 8)) > 300)
                {
                    first = first < 0 ? s : first;
                    last = s;
                }
            }

            var offset = audio.Length;
            spoken.Add(((offset + first) / BytesPerMs, (offset + last) / BytesPerMs));
            audio.Write(samples, 0, samples.Length & ~1);
            audio.Write(new byte[pauseMs * BytesPerMs]);
        }

        return (audio.ToArray(), spoken);
    }

    internal static async Task<List<JsonElement>> StreamAsync(TestServer server, string path, byte[] pcm)
    {
        var ws = server.CreateWebSocketClient();
        using var socket = await ws.ConnectAsync(new Uri(server.BaseAddress, path.Replace("http", "ws", StringComparison.Ordinal)), CancellationToken.None);
        var messages = new List<JsonElement>();
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                using var document = JsonDocument.Parse(buffer.AsMemory(0, received.Count));
                lock (messages)
                {
                    messages.Add(document.RootElement.Clone());
                }
            }
        });

        // 100 ms frames, some of odd length, as a browser's audio callback would deliver them.
        for (var at = 0; at < pcm.Length;)
        {
            var size = Math.Min(pcm.Length - at, 3200 + (at / 3200 % 3 == 1 ? 1 : 0));
            await socket.SendAsync(pcm.AsMemory(at, size), WebSocketMessageType.Binary, true, CancellationToken.None);
            at += size;
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        await reading.WaitAsync(TimeSpan.FromSeconds(30));
        return messages;
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"{file} did not start");
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} failed: {await process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>Stands in for a cloud recognizer: keeps each segment and answers with a partial, then a final.</summary>
    private sealed class RecordingRecognizer : ISpeechRecognizer
    {
        private readonly ConcurrentQueue<SpeechSegment> _segments = new();

        public string Name => "recording";

        public IReadOnlyList<SpeechSegment> Segments => [.. _segments];

        public async IAsyncEnumerable<RecognitionResult> RecognizeAsync(SpeechSegment segment, RecognitionContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            _segments.Enqueue(segment);
            var n = _segments.Count;
            await Task.Yield();
            yield return new RecognitionResult($"第{n}段", false, 0, segment.DurationMs / 2);
            yield return new RecognitionResult($"第{n}段，{segment.DurationMs}毫秒。", true, 0, segment.DurationMs);
        }
    }
}
