using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LiveAssist.LoadTests;

/// <summary>
/// Many buyers at once on the embedded Direct Line, each with its WebSocket stream open: post a
/// question about the live session's products, wait for the bot's answer on the stream, repeat.
/// Latency is post-to-answer, and includes the bot's calls to the embedded catalog.
/// </summary>
internal static class DirectLineLoad
{
    // The questions buyers ask most, in their languages: quotes, MOQ, stock, "this", list numbers, customization, handoffs,
    // products by description (list, shop, market), colours, freight.
    private static readonly (string Locale, string Text)[] Questions =
    [
        ("en-US", "MOQ?"), ("en-US", "price for 3000 pcs to Brazil?"), ("es-ES", "¿tienen stock en Dubái?"), ("en-US", "can you print my logo?"),
        ("pt-BR", "quanto custa 6000 peças do #2?"), ("fr-FR", "combien coûte ceci ?"), ("ru-RU", "цена за 3000 штук в Бразилию?"),
        ("ar-SA", "هل يوجد مخزون في دبي؟"), ("zh-CN", "3000个发巴西多少钱？"), ("es-ES", "¿tienen muestras de la sartén?"),
        ("en-US", "what are your payment terms?"), ("en-US", "lead time for YW-100270?"),
        ("es-ES", "precio de las fichas magnéticas para niños, 500 unidades"), ("en-US", "do you have this in pink?"), ("en-US", "how much is shipping to Lagos for 1000 pcs?"),
    ];

    /// <param name="thinkTime">Pause between a reply and the buyer's next message; zero saturates the server.</param>
    /// <param name="sessionId">The live session the buyers watch (its product on screen is "this").</param>
    public static Task<(double PerSecond, LatencyRecorder Latency)> RunAsync(string baseUrl, string secret, int conversations, TimeSpan thinkTime, TimeSpan warmup, TimeSpan duration, string sessionId)
        => RunAsync([baseUrl], secret, conversations, thinkTime, warmup, duration, sessionId);

    /// <param name="baseUrls">Hosts sharing Redis: buyer i starts, posts and listens on host i mod n (a load balancer spreading them).</param>
    public static async Task<(double PerSecond, LatencyRecorder Latency)> RunAsync(IReadOnlyList<string> baseUrls, string secret, int conversations, TimeSpan thinkTime, TimeSpan warmup,
        TimeSpan duration, string sessionId)
    {
        var handlers = baseUrls.Select(_ => new SocketsHttpHandler { MaxConnectionsPerServer = conversations }).ToList();
        var https = baseUrls.Select((url, i) => new HttpClient(handlers[i]) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) }).ToList();
        try
        {
            var clients = await Task.WhenAll(Enumerable.Range(0, conversations).Select(i => ConnectAsync(https[i % https.Count], secret, i)));
            var sequence = new long[conversations];
            var random = Enumerable.Range(0, conversations).Select(i => new Random(i)).ToArray();

            Task<bool> TurnAsync(int worker, CancellationToken cancellationToken)
            {
                var (locale, text) = Questions[(worker + sequence[worker]++) % Questions.Length];
                return clients[worker].TurnAsync(https[worker % https.Count], text, locale, sessionId, cancellationToken);
            }

            // 0.5x to 1.5x the think time, so buyers do not type in lockstep.
            Task ThinkAsync(int worker, CancellationToken cancellationToken)
                => thinkTime > TimeSpan.Zero ? Task.Delay(thinkTime * (0.5 + random[worker].NextDouble()), cancellationToken) : Task.CompletedTask;

            var result = await ClosedLoop.RunAsync(conversations, TurnAsync, warmup, duration, ThinkAsync);
            foreach (var client in clients)
            {
                client.Socket.Abort();
                client.Socket.Dispose();
            }

            return result;
        }
        finally
        {
            https.ForEach(h => h.Dispose());
            handlers.ForEach(h => h.Dispose());
        }
    }

    private static async Task<Client> ConnectAsync(HttpClient http, string secret, int index)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations")
        {
            Content = JsonContent.Create(new { user = new { id = $"dl_load{index}" }, locale = "en-US" }),
        };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await http.SendAsync(start);
        response.EnsureSuccessStatusCode();
        var conversation = await response.Content.ReadFromJsonAsync<JsonElement>();
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(conversation.GetProperty("streamUrl").GetString()!), CancellationToken.None);
        var client = new Client(conversation.GetProperty("conversationId").GetString()!, conversation.GetProperty("token").GetString()!, $"dl_load{index}", socket);
        client.StartReading();
        return client;
    }

    private sealed class Client(string conversationId, string token, string userId, ClientWebSocket socket)
    {
        private readonly Dictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
        private readonly HashSet<string> _answered = new(StringComparer.Ordinal);

        public string ConversationId { get; } = conversationId;
        public string Token { get; } = token;
        public string UserId { get; } = userId;
        public ClientWebSocket Socket { get; } = socket;

        /// <summary>Posts one message and waits for the bot's reply to it on this buyer's stream.</summary>
        public async Task<bool> TurnAsync(HttpClient http, string text, string locale, string sessionId, CancellationToken cancellationToken)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities")
            {
                Content = JsonContent.Create(new { type = "message", text, locale, from = new { id = UserId }, channelData = new { sessionId } }),
            };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var response = await http.SendAsync(post, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString();
            await WaitForReplyAsync(id!, cancellationToken);
            return true;
        }

        private Task WaitForReplyAsync(string activityId, CancellationToken cancellationToken)
        {
            TaskCompletionSource waiter;
            lock (_waiting)
            {
                if (_answered.Remove(activityId))
                {
                    return Task.CompletedTask; // the reply beat the POST's answer
                }

                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting[activityId] = waiter;
            }

            return waiter.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }

        public void StartReading() => _ = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (Socket.State == WebSocketState.Open)
            {
                WebSocketReceiveResult result;
                try
                {
                    result = await Socket.ReceiveAsync(buffer, CancellationToken.None);
                }
                catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage || message.Length == 0)
                {
                    continue;
                }

                using var set = JsonDocument.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                message.SetLength(0);
                foreach (var activity in set.RootElement.GetProperty("activities").EnumerateArray())
                {
                    if (activity.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() is { } id)
                    {
                        lock (_waiting)
                        {
                            if (_waiting.Remove(id, out var waiter))
                            {
                                waiter.TrySetResult();
                            }
                            else
                            {
                                _answered.Add(id);
                            }
                        }
                    }
                }
            }
        });
    }
}
