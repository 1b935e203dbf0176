using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Presenter;
using LiveAssist.Presenter.Scripts;
using LiveAssist.Presenter.Synthesis.Espeak;
using Microsoft.Extensions.Options;

namespace LiveAssist.LoadTests;

/// <summary>
/// The digital presenter with espeak-ng: time from a final caption reaching an overlay to its line
/// (audio + word and viseme timings) being ready, and how many lines one core voices a second.
/// </summary>
internal static class PresenterLoad
{
    // 15 words each; digits in both so the figures check passes.
    private static string English(int n) => $"This is product number {n}, a popular steel cup made in Yiwu for buyers abroad.";

    private static string Chinese(int n) => $"这是{n}号产品，很受欢迎的钢杯。";

    public static async Task<LatencyRecorder> CaptionToLineAsync(string baseUrl, int lines)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var created = await http.PostAsJsonAsync("/api/sessions", new
        {
            title = "bench presenter",
            targetLanguages = new[] { "en" },
            script = Enumerable.Range(1, lines).Select(n => new { source = Chinese(n), translations = new Dictionary<string, string> { ["en"] = English(n) } }).ToArray(),
        });
        created.EnsureSuccessStatusCode();
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = session.GetProperty("id").GetString()!;
        var key = session.GetProperty("hostKey").GetString()!;

        var arrived = new ConcurrentDictionary<long, TaskCompletionSource<long>>();
        using var stop = new CancellationTokenSource();
        using var stream = await http.GetAsync($"/api/sessions/{id}/captions/stream?lang=en", HttpCompletionOption.ResponseHeadersRead, stop.Token);
        var reader = Task.Run(async () =>
        {
            using var lines = new StreamReader(await stream.Content.ReadAsStreamAsync(stop.Token));
            try
            {
                while (await lines.ReadLineAsync(stop.Token) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(4), CultureInfo.InvariantCulture, out var seq))
                    {
                        arrived.GetOrAdd(seq, _ => new TaskCompletionSource<long>()).TrySetResult(Stopwatch.GetTimestamp());
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var latency = new LatencyRecorder();
        for (var n = 1; n <= lines; n++)
        {
            using var say = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/utterances")
            {
                Content = JsonContent.Create(new { text = Chinese(n), final = true, startMs = n * 10_000L, endMs = n * 10_000L + 9_000 }),
            };
            say.Headers.Add("X-Host-Key", key);
            using var said = await http.SendAsync(say);
            said.EnsureSuccessStatusCode();
            var seq = (await said.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("seq").GetInt64();
            var captionAt = await arrived.GetOrAdd(seq, _ => new TaskCompletionSource<long>()).Task.WaitAsync(TimeSpan.FromSeconds(30));
            using var line = await http.GetAsync($"/api/sessions/{id}/speech/{seq}?lang=en");
            var readyAt = Stopwatch.GetTimestamp();
            var body = await line.Content.ReadFromJsonAsync<JsonElement>();
            if (!line.IsSuccessStatusCode || body.GetProperty("engine").GetString() != "espeak" || body.GetProperty("words").GetArrayLength() != 15)
            {
                latency.Error();
                continue;
            }

            latency.Record(readyAt - captionAt);
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);
        return latency;
    }

    /// <summary>espeak-ng reading 15-word lines back to back in this process (it voices one line at a time).</summary>
    public static async Task<(double LinesPerSecond, LatencyRecorder PerLine)> EspeakThroughputAsync(TimeSpan warmup, TimeSpan duration)
    {
        var reader = new EspeakReader(new EspeakSynthesizer(), Options.Create(new PresenterOptions()));
        var perLine = new LatencyRecorder();
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var n = 0;
        while (Stopwatch.GetTimestamp() < end)
        {
            n++;
            var caption = new Caption(n, "en", Caption.Final, English(n), Chinese(n), 0, 9000, "bench", [], [new CaptionCue(0, 9000, [English(n)])], "ltr", false);
            var script = LineScriptWriter.Write("bench", caption);
            var start = Stopwatch.GetTimestamp();
            var reading = await reader.ReadAsync(script, CancellationToken.None);
            if (start >= measureFrom)
            {
                if (reading.Timeline.Words.Count == 15)
                {
                    perLine.Record(Stopwatch.GetTimestamp() - start);
                }
                else
                {
                    perLine.Error();
                }
            }
        }

        return (perLine.Count / duration.TotalSeconds, perLine);
    }
}
