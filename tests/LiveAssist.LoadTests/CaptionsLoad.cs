using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveAssist.LoadTests;

/// <summary>
/// A live session captioned into 10 languages with many overlays listening: the time from the
/// host's final line being posted to its caption arriving at every overlay, and the host's memory
/// over a long session.
/// </summary>
internal static class CaptionsLoad
{
    public static readonly string[] Languages = ["en", "es", "pt", "fr", "ru", "ar", "id", "vi", "th", "ja"];

    private static readonly string[] Lines =
    [
        "欢迎来到晨光直播间！", "这款保温杯一块八毛五一个，五百个起批。", "现货三千件，七天发货。", "买二送一，今天有效。",
        "可以印你的 logo，起订量一千个。", "杯子高二十厘米，重三百五十克。", "一箱五十个，纸箱尺寸六十乘四十乘四十五厘米。", "样品五美元一个。",
        "我们有 FDA 和 LFGB 认证。", "迪拜海外仓有八百件现货。", "两千个以上一块六毛二。", "有问题可以在聊天里问我们。",
    ];

    /// <param name="readerUrls">Hosts the overlays are spread over (round robin); null: all on <paramref name="baseUrl"/>, where the host speaks.</param>
    /// <param name="warmupLines">Lines posted first and not measured: a host just started is still compiling its hot paths.</param>
    /// <param name="warmedUp">Called once the warm-up lines are captioned, before the first measured line.</param>
    public static async Task<(LatencyRecorder Latency, int Received)> RunAsync(string baseUrl, int listeners, int utterances, TimeSpan interval, IReadOnlyList<string>? readerUrls = null,
        int warmupLines = 0, Func<Task>? warmedUp = null)
    {
        readerUrls ??= [baseUrl];
        var (id, key) = await CreateSessionAsync(baseUrl);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = Timeout.InfiniteTimeSpan };
        var sentAt = new ConcurrentDictionary<long, long>();
        var latency = new LatencyRecorder();
        var received = 0;
        using var stop = new CancellationTokenSource();
        var ready = 0;
        var readers = Enumerable.Range(0, listeners).Select(i => Task.Run(async () =>
        {
            using var response = await http.GetAsync(new Uri(new Uri(readerUrls[i % readerUrls.Count]), $"/api/sessions/{id}/captions/stream?lang={Languages[i % Languages.Length]}"),
                HttpCompletionOption.ResponseHeadersRead, stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            Interlocked.Increment(ref ready);
            try
            {
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    // Only final captions carry an id: "id: <seq>".
                    if (line.StartsWith("id: ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(4), CultureInfo.InvariantCulture, out var seq) && sentAt.TryGetValue(seq, out var sent))
                    {
                        latency.Record(Stopwatch.GetTimestamp() - sent);
                        Interlocked.Increment(ref received);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        })).ToList();

        while (Volatile.Read(ref ready) < listeners)
        {
            await Task.Delay(50);
        }

        for (var n = 1; n <= warmupLines + utterances; n++)
        {
            if (n == warmupLines + 1 && warmupLines > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2)); // the last warm-up line delivered everywhere
                if (warmedUp is not null)
                {
                    await warmedUp();
                }
            }

            var text = $"{n}号，" + Lines[n % Lines.Length];
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/utterances")
            {
                Content = JsonContent.Create(new { text, final = true, startMs = n * 3000L, endMs = n * 3000L + 2500 }),
            };
            request.Headers.Add("X-Host-Key", key);
            // A fresh session numbers lines 1, 2, 3...: the send time is known before the caption can arrive.
            if (n > warmupLines)
            {
                sentAt[n] = Stopwatch.GetTimestamp();
            }

            using var response = await http.SendAsync(request);
            var seq = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("seq").GetInt64();
            if (seq != n)
            {
                throw new InvalidOperationException($"line {n} got seq {seq}");
            }
            await Task.Delay(interval);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        return (latency, received);
    }

    /// <summary>An hour of a talkative host (a line every 3 s = 1,200 lines) as fast as the host takes it; RSS after warm-up and at the end.</summary>
    public static async Task<(long WarmMb, long EndMb)> ReplayHourAsync(string baseUrl, int processId)
    {
        var (id, key) = await CreateSessionAsync(baseUrl);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        long warm = 0;
        for (var n = 1; n <= 1200; n++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/utterances")
            {
                Content = JsonContent.Create(new { text = $"{n}号，" + Lines[n % Lines.Length], final = true, startMs = n * 3000L, endMs = n * 3000L + 2500 }),
            };
            request.Headers.Add("X-Host-Key", key);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            if (n == 200)
            {
                await WaitCaptionedAsync(http, id, n);
                warm = await RssMbAsync(processId);
            }
        }

        await WaitCaptionedAsync(http, id, 1200);
        return (warm, await RssMbAsync(processId));
    }

    private static async Task WaitCaptionedAsync(HttpClient http, string id, int count)
    {
        while ((await http.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/captions/status")).GetProperty("captions").GetInt64() < count * (Languages.Length + 1))
        {
            await Task.Delay(200);
        }
    }

    private static async Task<long> RssMbAsync(int processId)
    {
        await Task.Delay(1000);
        var status = await File.ReadAllLinesAsync($"/proc/{processId}/status");
        return long.Parse(status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static async Task<(string Id, string Key)> CreateSessionAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var created = await http.PostAsJsonAsync("/api/sessions", new
        {
            title = "bench captions",
            targetLanguages = Languages,
            glossary = new[] { new { source = "晨光", translations = new Dictionary<string, string> { ["en"] = "Chenguang" } } },
        });
        created.EnsureSuccessStatusCode();
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (session.GetProperty("id").GetString()!, session.GetProperty("hostKey").GetString()!);
    }
}
