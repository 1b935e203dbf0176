using System.Net.WebSockets;
using System.Text.Json;
using LiveAssist.BotFramework.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.DirectLine;

/// <summary>
/// The WebSocket at <c>streamUrl</c>: it sends the backlog after the URL's watermark, then one
/// ActivitySet per batch of new activities. The socket is receive-only; empty frames from the client are pings.
/// </summary>
internal static class DirectLineStream
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    public static async Task<IResult> AcceptAsync(HttpContext context, string conversationId, string? t, string? watermark)
    {
        var service = context.RequestServices.GetRequiredService<DirectLineService>();
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return DirectLineErrors.Create(400, "BadArgument", "The stream URL takes a WebSocket connection.");
        }

        var (caller, error) = t is null ? service.Authenticate(context.Request.Headers.Authorization) : service.AuthenticateValue(t);
        if (error is not null)
        {
            return error;
        }

        if (!caller!.CanAccess(conversationId))
        {
            return DirectLineErrors.WrongConversation();
        }

        var conversation = service.Conversations.GetOrAdd(conversationId);
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        await PumpAsync(socket, conversation, Watermark.Parse(watermark), context.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }

    private static async Task PumpAsync(WebSocket socket, DirectLineConversation conversation, long after, CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var (backlog, position, live, subscription) = await conversation.SubscribeAsync(after, stop.Token).ConfigureAwait(false);
        using (subscription)
        {
            var receiving = ReceiveUntilClosedAsync(socket, stop);
            try
            {
                if (backlog.Count > 0)
                {
                    await SendAsync(socket, new ActivitySet(backlog, Watermark.Format(position)), stop.Token).ConfigureAwait(false);
                }

                var batch = new List<Activity>();
                while (await live.WaitToReadAsync(stop.Token).ConfigureAwait(false))
                {
                    batch.Clear();
                    while (live.TryRead(out var activity))
                    {
                        batch.Add(activity);
                    }

                    var last = Watermark.Format(ParsePosition(batch[^1].Id));
                    await SendAsync(socket, new ActivitySet([.. batch], last), stop.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // The client went away or the host is stopping; nothing to report.
            }

            await stop.CancelAsync().ConfigureAwait(false);
            await receiving.ConfigureAwait(false);
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "closing", closing.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
                {
                }
            }
        }
    }

    private static async Task SendAsync(WebSocket socket, ActivitySet set, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(set, ActivitySerializer.Options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SendTimeout); // a reader that stopped reading is dropped, not buffered forever
        await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
    }

    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private static long ParsePosition(string? activityId)
    {
        var bar = activityId?.LastIndexOf('|') ?? -1;
        return bar >= 0 && long.TryParse(activityId.AsSpan(bar + 1), out var position) ? position : 0;
    }
}
