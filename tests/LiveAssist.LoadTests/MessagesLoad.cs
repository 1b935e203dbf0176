using System.Diagnostics;
using System.Net;
using System.Text;

namespace LiveAssist.LoadTests;

/// <summary>
/// Posts pre-signed, authenticated activities to <c>/api/messages</c> from many connections as fast
/// as the bot answers. <c>deliveryMode: expectReplies</c> brings the echo back in the response.
/// </summary>
internal static class MessagesLoad
{
    public static async Task<(double PerSecond, LatencyRecorder Latency)> RunAsync(
        string url, string bearer, string serviceUrl, int connections, TimeSpan warmup, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var latency = new LatencyRecorder();
        long completed = 0;
        var measuring = false;
        using var stop = new CancellationTokenSource();

        async Task WorkerAsync(int worker)
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var body = $$"""
                    {"type":"message","id":"{{worker}}-{{n}}","channelId":"msteams","serviceUrl":"{{serviceUrl}}","deliveryMode":"expectReplies",
                     "from":{"id":"29:user-{{worker}}","name":"Buyer"},"recipient":{"id":"28:bench-bot","name":"Bot"},
                     "conversation":{"id":"a:conv-{{worker}}"},"text":"price for 3000 pcs? #{{n}}","locale":"en-US"}
                    """;
                n++;
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("Authorization", bearer);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request, stop.Token);
                    var text = await response.Content.ReadAsStringAsync(stop.Token);
                    if (response.StatusCode != HttpStatusCode.OK || !text.Contains("Echo", StringComparison.Ordinal))
                    {
                        latency.Error();
                        continue;
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (HttpRequestException)
                {
                    latency.Error();
                    continue;
                }

                if (Volatile.Read(ref measuring))
                {
                    latency.Record(Stopwatch.GetTimestamp() - start);
                    Interlocked.Increment(ref completed);
                }
            }
        }

        var workers = Enumerable.Range(0, connections).Select(WorkerAsync).ToArray();
        await Task.Delay(warmup);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var perSecond = Interlocked.Read(ref completed) / clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        return (perSecond, latency);
    }
}
