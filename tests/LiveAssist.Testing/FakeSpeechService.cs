using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Testing;

/// <summary>
/// A loopback stand-in for Azure Speech: the token service (<c>/sts/v1.0/issueToken</c> issuing
/// <c>token-1</c>, <c>token-2</c>, …) and the real-time WebSocket protocol (text frames with header
/// lines, binary frames with a 2-byte big-endian header length). It parses what clients send with its
/// own code and lets each test script the service's side turn by turn.
/// </summary>
public sealed class FakeSpeechService : IAsyncDisposable
{
    private LoopbackServer _server = null!;
    private int _tokens;

    public ConcurrentQueue<FakeSpeechConnection> Connections { get; } = new();

    /// <summary>Which bearer tokens the WebSocket accepts (default: any issued token). Refused ones get 401.</summary>
    public Func<string, bool> AcceptsToken { get; set; } = token => token.StartsWith("token-", StringComparison.Ordinal);

    /// <summary>Called after each audio message (and after the empty end-of-audio one) of a turn.</summary>
    public Func<FakeSpeechTurn, Task> OnAudio { get; set; } = _ => Task.CompletedTask;

    public int TokensIssued => Volatile.Read(ref _tokens);

    /// <summary>The short-audio REST API's answer (JSON) to a POSTed WAV; the WAVs received are kept in <see cref="ShortAudioUploads"/>.</summary>
    public string ShortAudioAnswer { get; set; } = """{"RecognitionStatus":"NoMatch"}""";

    public ConcurrentQueue<(string Query, string ContentType, string Authorization, byte[] Wav)> ShortAudioUploads { get; } = new();

    public string BaseUrl => _server.BaseUrl;

    public string WebSocketBase => _server.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal);

    public static async Task<FakeSpeechService> StartAsync()
    {
        var fake = new FakeSpeechService();
        fake._server = await LoopbackServer.StartAsync((routes, _) =>
        {
            ((IApplicationBuilder)routes).UseWebSockets();
            routes.MapPost("/sts/v1.0/issueToken", (HttpRequest request) =>
                string.IsNullOrEmpty(request.Headers["Ocp-Apim-Subscription-Key"]) ? Results.StatusCode(401) : Results.Text($"token-{Interlocked.Increment(ref fake._tokens)}"));
            routes.Map("/speech/{kind}/{mode}/cognitiveservices/v1", fake.ServeAsync);
            routes.Map("/speech/{kind}/cognitiveservices/v1", fake.ServeAsync);
        });
        return fake;
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var wav = new MemoryStream();
            await context.Request.Body.CopyToAsync(wav);
            ShortAudioUploads.Enqueue((context.Request.QueryString.Value ?? string.Empty, context.Request.ContentType ?? string.Empty, context.Request.Headers.Authorization.ToString(), wav.ToArray()));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(ShortAudioAnswer);
            return;
        }

        var bearer = context.Request.Headers.Authorization.ToString();
        var token = bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer[7..] : string.Empty;
        if (!context.WebSockets.IsWebSocketRequest || !AcceptsToken(token))
        {
            context.Response.StatusCode = context.WebSockets.IsWebSocketRequest ? 401 : 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeSpeechConnection(context, socket, token, context.Request.Headers["X-ConnectionId"].ToString(), context.Request.QueryString.Value ?? string.Empty);
        Connections.Enqueue(connection);
        await connection.RunAsync(OnAudio);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}

/// <summary>One client connection as the fake service saw it.</summary>
public sealed class FakeSpeechConnection(HttpContext context, WebSocket socket, string token, string connectionId, string query)
{
    private readonly SemaphoreSlim _send = new(1, 1);

    public string Token { get; } = token;

    public string ConnectionId { get; } = connectionId;

    public string Query { get; } = query;

    /// <summary>Every message received: path, request id, content type, body text (for text frames), payload (binary).</summary>
    public ConcurrentQueue<(string Path, string RequestId, string? ContentType, string Body, byte[] Payload)> Received { get; } = new();

    public ConcurrentQueue<FakeSpeechTurn> Turns { get; } = new();

    public bool ClosedByClient { get; private set; }

    internal async Task RunAsync(Func<FakeSpeechTurn, Task> onAudio)
    {
        var buffer = new byte[64 * 1024];
        FakeSpeechTurn? turn = null;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    message.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    ClosedByClient = true;
                    return;
                }

                var (headers, body, payload) = received.MessageType == WebSocketMessageType.Text ? ParseText(message.ToArray()) : ParseBinary(message.ToArray());
                var path = headers.GetValueOrDefault("Path") ?? "?";
                var requestId = headers.GetValueOrDefault("X-RequestId") ?? string.Empty;
                Received.Enqueue((path, requestId, headers.GetValueOrDefault("Content-Type"), body, payload));
                if (path == "speech.context")
                {
                    turn = new FakeSpeechTurn(this, requestId, body);
                    Turns.Enqueue(turn);
                }
                else if (path == "audio" && turn is not null && turn.RequestId == requestId)
                {
                    if (!turn.HeaderSeen)
                    {
                        turn.HeaderSeen = true;
                        turn.Header = payload;
                        await SendAsync(requestId, "turn.start", """{"context":{"serviceTag":"fake"}}""");
                        continue;
                    }

                    if (payload.Length == 0)
                    {
                        turn.Ended = true;
                    }
                    else
                    {
                        turn.Audio.Write(payload);
                    }

                    await onAudio(turn);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ConnectionAbortedException)
        {
            // the client went away or the test aborted the connection
        }
    }

    public async Task SendAsync(string requestId, string path, string? body)
    {
        var text = $"X-RequestId: {requestId}\r\nPath: {path}\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{body}";
        await _send.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame (a network failure), after what was already sent had time to leave.</summary>
    public async Task DropAsync()
    {
        await Task.Delay(200);
        context.Abort();
    }

    /// <summary>Closes as the service does at its connection time limit.</summary>
    public Task CloseAsync(WebSocketCloseStatus status, string reason) => socket.CloseOutputAsync(status, reason, CancellationToken.None);

    private static (Dictionary<string, string>, string, byte[]) ParseText(byte[] frame)
    {
        var text = Encoding.UTF8.GetString(frame);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (Headers(split < 0 ? text : text[..split]), split < 0 ? string.Empty : text[(split + 4)..], []);
    }

    private static (Dictionary<string, string>, string, byte[]) ParseBinary(byte[] frame)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(frame);
        return (Headers(Encoding.ASCII.GetString(frame, 2, length)), string.Empty, frame[(2 + length)..]);
    }

    private static Dictionary<string, string> Headers(string head)
        => head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
}

/// <summary>One turn (one <c>speech.context</c>): the audio received so far and helpers to answer in the service's message shapes.</summary>
public sealed class FakeSpeechTurn(FakeSpeechConnection connection, string requestId, string context)
{
    public const int BytesPerMs = 32;

    public FakeSpeechConnection Connection { get; } = connection;

    public string RequestId { get; } = requestId;

    public JsonElement Context { get; } = JsonDocument.Parse(context).RootElement.Clone();

    public bool HeaderSeen { get; internal set; }

    public byte[] Header { get; internal set; } = [];

    public MemoryStream Audio { get; } = new();

    public bool Ended { get; internal set; }

    public long ReceivedMs => Audio.Length / BytesPerMs;

    /// <summary>Set by a test's script to remember what it already answered in this turn.</summary>
    public int Step { get; set; }

    public Task HypothesisAsync(string text, long offsetMs, long durationMs)
        => Connection.SendAsync(RequestId, "speech.hypothesis", JsonSerializer.Serialize(new { Text = text, Offset = offsetMs * 10_000, Duration = durationMs * 10_000 }));

    public Task PhraseAsync(string text, long offsetMs, long durationMs)
        => Connection.SendAsync(RequestId, "speech.phrase", JsonSerializer.Serialize(new
        {
            RecognitionStatus = "Success",
            Offset = offsetMs * 10_000,
            Duration = durationMs * 10_000,
            DisplayText = text,
            NBest = new[] { new { Confidence = 0.9, Lexical = text, Display = text } },
        }));

    public Task TranslationAsync(bool final, string text, long offsetMs, long durationMs, IReadOnlyDictionary<string, string> translations)
        => Connection.SendAsync(RequestId, final ? "translation.phrase" : "translation.hypothesis", JsonSerializer.Serialize(new
        {
            RecognitionStatus = final ? "Success" : null,
            Offset = offsetMs * 10_000,
            Duration = durationMs * 10_000,
            Text = text,
            Translation = new { TranslationStatus = "Success", Translations = translations.Select(t => new { Language = t.Key, Text = t.Value }) },
        }));

    public async Task EndAsync()
    {
        await Connection.SendAsync(RequestId, "speech.endDetected", """{"Offset":0}""");
        await Connection.SendAsync(RequestId, "turn.end", null);
    }
}
