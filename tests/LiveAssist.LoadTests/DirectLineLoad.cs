using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LiveAssist.LoadTests;

/// <summary>
/// Many buyers at once on the embedded Direct Line, each with its WebSocket stream open: post a
/// message, wait for the bot's reply on the stream, repeat. Latency is post-to-reply.
/// </summary>
internal static class DirectLineLoad
{
    /// <param name="thinkTime">Pause between a reply and the buyer's next message; zero saturates the server.</param>
    public static async Task<(double PerSecond, LatencyRecorder Latency)> RunAsync(string baseUrl, string secret, int conversations, TimeSpan thinkTime, TimeSpan warmup, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = conversations };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var latency = new LatencyRecorder();
        long completed = 0;
        var measuring = false;
        using var stop = new CancellationTokenSource();

        var clients = await Task.WhenAll(Enumerable.Range(0, conversations).Select(i => ConnectAsync(http, secret, i)));

        async Task WorkerAsync(Client client)
        {
            var n = 0;
            var random = new Random(client.UserId.GetHashCode(StringComparison.Ordinal));
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (thinkTime > TimeSpan.Zero)
                    {
                        // 0.5x to 1.5x the think time, so buyers do not type in lockstep.
                        await Task.Delay(thinkTime * (0.5 + random.NextDouble()), stop.Token);
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/activities")
                    {
                        Content = JsonContent.Create(new { type = "message", text = $"MOQ? {n++}", locale = "en-US", from = new { id = client.UserId } }),
                    };
                    post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
                    using var response = await http.SendAsync(post, stop.Token);
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>(stop.Token)).GetProperty("id").GetString();
                    await client.WaitForReplyAsync(id!, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is HttpRequestException or WebSocketException or JsonException or InvalidOperationException)
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

        var workers = clients.Select(WorkerAsync).ToArray();
        await Task.Delay(warmup);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var perSecond = Interlocked.Read(ref completed) / clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        foreach (var client in clients)
        {
            client.Socket.Abort();
            client.Socket.Dispose();
        }

        return (perSecond, latency);
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

        public Task WaitForReplyAsync(string activityId, CancellationToken cancellationToken)
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
