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
        var sequence = new long[connections];

        async Task<bool> PostAsync(int worker, CancellationToken cancellationToken)
        {
            var n = sequence[worker]++;
            var body = $$"""
                {"type":"message","id":"{{worker}}-{{n}}","channelId":"msteams","serviceUrl":"{{serviceUrl}}","deliveryMode":"expectReplies",
                 "from":{"id":"29:user-{{worker}}","name":"Buyer"},"recipient":{"id":"28:bench-bot","name":"Bot"},
                 "conversation":{"id":"a:conv-{{worker}}"},"text":"price for 3000 pcs? #{{n}}","locale":"en-US"}
                """;
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", bearer);
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.OK && text.Contains("Echo", StringComparison.Ordinal);
        }

        return await ClosedLoop.RunAsync(connections, PostAsync, warmup, duration);
    }
}
