using System.Net;
using System.Net.WebSockets;

namespace LiveAssist.Engines.Azure.Speech;

/// <summary>One open WebSocket to the Speech service, with the time it was opened and last used (for recycling).</summary>
internal sealed class SpeechConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly byte[] _buffer = new byte[16 * 1024];

    private SpeechConnection(ClientWebSocket socket, Uri uri, string connectionId, DateTimeOffset openedAt)
    {
        _socket = socket;
        Uri = uri;
        ConnectionId = connectionId;
        OpenedAt = openedAt;
        LastUsedAt = openedAt;
    }

    public Uri Uri { get; }

    public string ConnectionId { get; }

    public DateTimeOffset OpenedAt { get; }

    public DateTimeOffset LastUsedAt { get; set; }

    /// <summary>The service's close code once it closed the socket.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>Opens the socket. A refused handshake throws <see cref="SpeechConnectException"/> with the HTTP status.</summary>
    public static async Task<SpeechConnection> OpenAsync(Uri uri, string bearer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        var connectionId = UspMessage.NewId();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        socket.Options.SetRequestHeader("X-ConnectionId", connectionId);
        socket.Options.Cookies = new CookieContainer();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        try
        {
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            throw new SpeechConnectException(status, e);
        }

        return new SpeechConnection(socket, uri, connectionId, now);
    }

    public async Task SendAsync(ReadOnlyMemory<byte> frame, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(frame, type, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>The next message; <c>null</c> once the socket is closed or broken (see <see cref="CloseStatus"/>).</summary>
    public async Task<UspMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            ValueWebSocketReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            await message.WriteAsync(_buffer.AsMemory(0, received.Count), cancellationToken).ConfigureAwait(false);
            if (!received.EndOfMessage)
            {
                continue;
            }

            var parsed = received.MessageType == WebSocketMessageType.Text
                ? UspMessage.ParseText(message.GetBuffer().AsSpan(0, (int)message.Length))
                : UspMessage.ParseBinary(message.ToArray());
            if (parsed is not null)
            {
                return parsed;
            }

            message.SetLength(0); // not a protocol message: skip it
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", quick.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // already gone
            }
        }

        _socket.Dispose();
        _send.Dispose();
    }
}

/// <summary>The Speech service refused the WebSocket handshake.</summary>
public sealed class SpeechConnectException(HttpStatusCode status, Exception inner)
    : Exception($"The Speech service refused the connection ({(int)status} {status}).", inner)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>401/403 (or no answer, which the SDK also treats as an expired token): ask for a new token.</summary>
    public bool TokenRejected => Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or 0;
}

/// <summary>The Speech service ended recognition with an error it will repeat (bad request, quota, forbidden, protocol error).</summary>
public sealed class SpeechServiceException(string message) : Exception(message);
