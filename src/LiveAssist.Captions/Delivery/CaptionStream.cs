using System.Buffers;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Captions.ProductCards;
using LiveAssist.Sessions;
using LiveAssist.Translation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LiveAssist.Captions.Delivery;

/// <summary>
/// <c>GET /api/sessions/{id}/captions/stream?lang=en</c> (an overlay) or <c>?lang=en,es,ar</c> (the console): Server-Sent
/// Events <c>caption</c> and <c>product</c>, each carrying its <c>lang</c>. One connection for all languages, because a
/// browser opens at most six per server and the console's other requests (typed lines, questions) queue behind them.
/// </summary>
public static class CaptionStream
{
    public static async Task StreamAsync(string id, HttpContext context, ISessionStore sessions, ICaptionStore store, CaptionHub hub, ProductCardPublisher cards,
        TimeProvider time, IOptions<CaptionsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        var cancellationToken = context.RequestAborted;
        var session = await sessions.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            await CaptionEndpoints.Problem(404, "Unknown session", "There is no live session with this id.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var languages = Languages(context.Request, session);
        if (languages is null)
        {
            await CaptionEndpoints.Problem(400, "Unknown language", $"This session captions in: {string.Join(", ", session.CaptionLanguages())}.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // The host console (?view=host with the host key) also gets the drafts and notes buyers do not see.
        var forHost = context.Request.Query["view"] == "host";
        if (forHost && !HostKeys.Matches(session, context.Request.Headers[HostKeys.Header]))
        {
            await CaptionEndpoints.Problem(401, "Host key needed", $"The console view needs the session's host key in the {HostKeys.Header} header.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var recentOnly = context.Request.Query["after"] == "recent" && string.IsNullOrEmpty(context.Request.Headers["Last-Event-ID"]);
        var seen = LastSeen(context.Request);
        var lastSent = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var lang in languages)
        {
            var newest = seen is { } s && !recentOnly ? 0 : await store.LastCaptionSeqAsync(session.Id, lang, cancellationToken).ConfigureAwait(false);
            // Several languages share one id per line: a cut between two of a line's languages would lose the rest, so
            // a stream of several resumes at the line it saw last (sent again; readers key lines by seq and lang).
            lastSent[lang] = recentOnly ? newest - 1 : seen is { } after ? (languages.Count > 1 ? Math.Max(0, after - 1) : after) : newest;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";

        // Subscribe before reading history, so nothing published in between is missed.
        using var listener = hub.Subscribe(session.Id, [.. languages.Select(l => forHost ? CaptionHub.HostChannel(l) : l)]);
        hub.Metrics.StreamOpened();
        using var closed = new StreamCloser(hub.Metrics);
        await response.WriteAsync("retry: 1000\n\n", cancellationToken).ConfigureAwait(false);
        foreach (var lang in languages)
        {
            if (await cards.CurrentAsync(session, lang, cancellationToken).ConfigureAwait(false) is { } card)
            {
                await response.Body.WriteAsync(card.Bytes, cancellationToken).ConfigureAwait(false);
            }
        }

        await ReplayAsync(session, languages, lastSent, recentOnly, forHost, store, time, options.Value, response, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ForwardAsync(listener, lastSent, response, hub.Metrics, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the reader went away
        }
    }

    // The stored finals after each language's place, line by line in the order spoken, each line's languages in the order asked.
    private static async Task ReplayAsync(LiveSession session, IReadOnlyList<string> languages, Dictionary<string, long> lastSent, bool recentOnly, bool forHost,
        ICaptionStore store, TimeProvider time, CaptionsOptions options, HttpResponse response, CancellationToken cancellationToken)
    {
        var history = new List<(int Order, Caption Caption)>();
        for (var i = 0; i < languages.Count; i++)
        {
            foreach (var caption in await store.ReadCaptionsAsync(session.Id, languages[i], lastSent[languages[i]], cancellationToken).ConfigureAwait(false))
            {
                history.Add((i, caption));
            }
        }

        foreach (var (_, caption) in history.OrderBy(h => h.Caption.Seq).ThenBy(h => h.Order))
        {
            // A page that just loaded shows the last line only while it would still be on screen: OBS reloading a source never replays an old caption.
            var stale = recentOnly && (caption.PublishedAt is not { } published
                || published + TimeSpan.FromMilliseconds(Math.Max(0, caption.EndMs - caption.StartMs) + options.ReplayWindowMs) < time.GetUtcNow());
            if (!stale)
            {
                await response.Body.WriteAsync(SseEvent.Create("caption", caption.Seq, true, forHost ? caption : caption.ForBuyers(), caption.Lang).Bytes, cancellationToken).ConfigureAwait(false);
            }

            lastSent[caption.Lang] = caption.Seq;
        }
    }

    // Each wake-up copies what is queued into the response's pipe and flushes once: one socket send per wake-up, not
    // one per event plus one more. The keep-alive comes through the queue too (from the hub's one timer).
    private static async Task ForwardAsync(CaptionListener listener, Dictionary<string, long> lastSent, HttpResponse response, CaptionMetrics metrics, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var oldestFinal = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var writer = response.BodyWriter;
        while (await listener.Events.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (listener.Events.TryRead(out var message))
            {
                var lang = message.Lang ?? string.Empty;
                if (message.Name == "caption" && lastSent.TryGetValue(lang, out var sent) && message.Seq <= sent)
                {
                    continue; // already sent from history, or a partial of a line already final
                }

                writer.Write(message.Bytes.Span);
                if (message.IsFinal && lastSent.ContainsKey(lang))
                {
                    lastSent[lang] = message.Seq;
                    if (message.LineReceivedAt is { } received)
                    {
                        oldestFinal.TryAdd(lang, received);
                    }
                }
            }

            var flushed = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return; // the reader went away
            }

            foreach (var (lang, received) in oldestFinal)
            {
                metrics.Written(lang, received, time.GetUtcNow()); // the server's own time for this reader, once flushed
            }

            oldestFinal.Clear();
        }

        // The queue was closed: cut off for falling behind; the reader reconnects with Last-Event-ID.
    }

    private sealed class StreamCloser(CaptionMetrics metrics) : IDisposable
    {
        public void Dispose() => metrics.StreamClosed();
    }

    /// <summary>
    /// The caption languages a stream asks for: <c>?lang=en,es,ar</c> (or <c>lang</c> repeated), each once, in the order
    /// asked; the session's first when absent; null when one of them is not a language of the session.
    /// </summary>
    public static IReadOnlyList<string>? Languages(HttpRequest request, LiveSession session)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        var available = session.CaptionLanguages();
        var asked = request.Query["lang"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (asked.Count == 0)
        {
            return [available[0]];
        }

        var languages = new List<string>();
        foreach (var tag in asked)
        {
            var primary = LanguageTags.Primary(tag);
            if (!available.Contains(primary))
            {
                return null; // also bounds the list: at most the session's languages
            }

            if (!languages.Contains(primary))
            {
                languages.Add(primary);
            }
        }

        return languages;
    }

    // EventSource sends Last-Event-ID when it reconnects; a page that starts over passes ?after=, or
    // ?after=latest for only what is said from now on (null: the caller looks the newest line up).
    private static long? LastSeen(HttpRequest request)
    {
        var value = request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrEmpty(value))
        {
            value = request.Query["after"].ToString();
            if (value == "latest")
            {
                return null;
            }
        }

        return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq) ? seq : 0;
    }
}
