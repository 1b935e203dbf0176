using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Speech.Audio;
using LiveAssist.Speech.Recognition;
using LiveAssist.Sessions;
using LiveAssist.Sessions.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LiveAssist.Captions.Audio;

/// <summary>
/// <c>GET /api/sessions/{id}/audio</c> (WebSocket): binary frames of 16 kHz mono s16le PCM in; voice
/// activity cuts them into segments, the configured recognizers turn each into text, and the text
/// enters the caption pipeline like the host page's. JSON text messages go back to the host page:
/// <c>segment</c>, <c>recognized</c>, and <c>error</c> (for example when no engine is configured).
/// </summary>
public static class AudioEndpoint
{
    /// <summary>Close code sent when the server has no recognizer: the host page should use the browser's or typing.</summary>
    public const int NoRecognizerCloseCode = 4001;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Behind the host policy, which takes the key from <c>?key=</c> on a WebSocket (browsers cannot set its headers).</summary>
    public static SessionRoutes MapAudio(this SessionRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Host.Map("/audio", HandleAsync);
        return routes;
    }

    private static async Task HandleAsync(HttpContext context, RecognizerChain recognizers, CaptionPipeline pipeline,
        IOptions<SpeechOptions> options, TimeProvider time)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem("Open this address as a WebSocket and send 16 kHz mono s16le PCM as binary frames.", statusCode: 400, title: "WebSocket expected").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var session = AuthorizedSession.Of(context).Session;

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var cancellationToken = context.RequestAborted;
        var send = new SemaphoreSlim(1, 1);
        if (!recognizers.IsConfigured)
        {
            await SendAsync(socket, send, new
            {
                type = "error",
                code = "no-recognizer",
                message = "No server-side speech engine is configured (Speech:Engines). Use the browser microphone or type on the host page.",
            }, cancellationToken).ConfigureAwait(false);
            await socket.CloseAsync((WebSocketCloseStatus)NoRecognizerCloseCode, "no server-side speech engine configured", cancellationToken).ConfigureAwait(false);
            return;
        }

        // The stream's time zero, on the session clock.
        var baseMs = (long)(time.GetUtcNow() - session.CreatedAt).TotalMilliseconds;
        var recognitionContext = new RecognitionContext(session.Id, session.SourceLanguage, [.. session.Glossary.Select(g => g.Source)])
        {
            TargetLanguages = [.. session.CaptionLanguages().Where(l => l != session.SourcePrimaryLanguage())],
        };
        var segments = Channel.CreateUnbounded<SpeechSegment>(new UnboundedChannelOptions { SingleReader = true });
        var recognizing = Task.Run(() => RecognizeAsync(segments.Reader, socket, send, session, recognizers, recognitionContext, pipeline, baseMs, cancellationToken), cancellationToken);
        var detector = new VoiceActivityDetector(options.Value.Vad);
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                await message.WriteAsync(buffer.AsMemory(0, received.Count), cancellationToken).ConfigureAwait(false);
                if (message.Length > options.Value.MaxFrameBytes)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"frames of at most {options.Value.MaxFrameBytes} bytes", cancellationToken).ConfigureAwait(false);
                    break;
                }

                if (!received.EndOfMessage)
                {
                    continue;
                }

                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    foreach (var segment in detector.Feed(message.GetBuffer().AsSpan(0, (int)message.Length)))
                    {
                        await Announce(segment).ConfigureAwait(false);
                    }
                }

                message.SetLength(0);
            }

            if (detector.Flush() is { } last)
            {
                await Announce(last).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The host page went away; what was cut so far is still recognized.
        }
        finally
        {
            segments.Writer.TryComplete();
        }

        await recognizing.ConfigureAwait(false);
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).ConfigureAwait(false);
        }

        async Task Announce(SpeechSegment segment)
        {
            await segments.Writer.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
            await SendAsync(socket, send, new { type = "segment", startMs = baseMs + segment.StartMs, endMs = baseMs + segment.EndMs }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RecognizeAsync(ChannelReader<SpeechSegment> segments, WebSocket socket, SemaphoreSlim send, LiveSession session, RecognizerChain recognizers,
        RecognitionContext context, CaptionPipeline pipeline, long baseMs, CancellationToken cancellationToken)
    {
        await foreach (var segment in segments.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var anyFinal = false;
            await foreach (var (result, engine) in recognizers.RecognizeAsync(segment, context, CancellationToken.None).ConfigureAwait(false))
            {
                if (string.IsNullOrWhiteSpace(result.Text))
                {
                    continue;
                }

                var start = baseMs + segment.StartMs + result.OffsetMs;
                var end = result.DurationMs > 0 ? start + result.DurationMs : baseMs + segment.EndMs;
                var seq = await pipeline.AcceptAsync(session, new UtteranceInput(result.Text, result.IsFinal, start, Math.Max(start, end), engine), CancellationToken.None).ConfigureAwait(false);
                anyFinal |= result.IsFinal;
                await SendAsync(socket, send, seq < 0
                    ? new { type = "dropped", seq = (long?)null, text = result.Text, final = result.IsFinal, engine } // a recognizer hallucination
                    : new { type = "recognized", seq = (long?)seq, text = result.Text, final = result.IsFinal, engine }, cancellationToken).ConfigureAwait(false);
            }

            if (!anyFinal)
            {
                await SendAsync(socket, send, new { type = "error", code = "not-recognized", message = "No engine recognized the segment.", startMs = baseMs + segment.StartMs }, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim gate, object message, CancellationToken cancellationToken)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, Json), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // the host page is gone; recognition and captions go on
        }
        finally
        {
            gate.Release();
        }
    }
}
