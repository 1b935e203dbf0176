using LiveAssist.Captions.Exports;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Captions.ProductCards;
using LiveAssist.Sessions;
using LiveAssist.Translation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LiveAssist.Captions.Delivery;

/// <summary>Contract section 2: utterances in, the caption stream and exports out.</summary>
public static class CaptionEndpoints
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapCaptions(this IEndpointRouteBuilder endpoints, string? rateLimitPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/sessions/{id}").DisableAntiforgery();
        group.MapPost("/utterances", PostUtteranceAsync);
        group.MapGet("/captions/status", StatusAsync);
        var stream = group.MapGet("/captions/stream", StreamAsync);
        var export = group.MapGet("/captions.{format}", ExportAsync);
        if (rateLimitPolicy is not null)
        {
            stream.RequireRateLimiting(rateLimitPolicy);
            export.RequireRateLimiting(rateLimitPolicy);
        }

        return endpoints;
    }

    private static async Task<IResult> PostUtteranceAsync(string id, HttpRequest request, UtteranceInput? body, SessionStore sessions, CaptionPipeline pipeline,
        IOptions<CaptionsOptions> options, CancellationToken cancellationToken)
    {
        var (session, error) = await SessionEndpoints.AuthorizeHostAsync(request, id, sessions, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body?.Text))
        {
            return Problem(400, "Text needed", "Send {\"text\": \"...\", \"final\": true|false} with what the host said.");
        }

        var max = options.Value.MaxUtteranceChars;
        if (body.Text.Length > max)
        {
            return Problem(400, "Utterance too long", $"One utterance may have at most {max} characters (this one has {body.Text.Length}); send it as several lines.");
        }

        if (!session!.IsLive)
        {
            return Problem(409, "Session ended", "This session has ended; start a new one to caption more.");
        }

        if (body.StartMs is < 0 || body.EndMs is < 0 || body.StartMs > body.EndMs)
        {
            return Problem(400, "Bad timing", "startMs and endMs are milliseconds from the session start, with startMs <= endMs.");
        }

        var seq = await pipeline.AcceptAsync(session, body, cancellationToken).ConfigureAwait(false);
        return seq < 0
            ? Results.Json(new { seq = (long?)null, dropped = "hallucination", hallucinations = pipeline.Hallucinations(session.Id) })
            : Results.Json(new { seq });
    }

    /// <summary>What the host page shows beside the transcript: engines, counts, listeners.</summary>
    private static async Task<IResult> StatusAsync(string id, SessionStore sessions, CaptionStore store, CaptionPipeline pipeline, Recognition.RecognizerChain recognizers,
        CaptionHub hub, IOptions<CaptionsOptions> options, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Problem(404, "Unknown session", "There is no live session with this id.");
        }

        var (utterances, captions) = await store.CountAsync(session.Id, cancellationToken).ConfigureAwait(false);
        return Results.Json(new
        {
            languages = session.CaptionLanguages(),
            translators = pipeline.EngineNames,
            recognizers = recognizers.EngineNames,
            utterances,
            captions,
            listeners = hub.ListenerCount(session.Id),
            delayAlarmMs = options.Value.DelayAlarmMs,
            hallucinations = pipeline.Hallucinations(session.Id),
        });
    }

    private static async Task StreamAsync(string id, HttpContext context, SessionStore sessions, CaptionStore store, CaptionHub hub, ProductCardPublisher cards,
        TimeProvider time, IOptions<CaptionsOptions> options)
    {
        var cancellationToken = context.RequestAborted;
        var session = await sessions.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            await Problem(404, "Unknown session", "There is no live session with this id.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var lang = Language(context.Request, session);
        if (lang is null)
        {
            await Problem(400, "Unknown language", $"This session captions in: {string.Join(", ", session.CaptionLanguages())}.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // The host console (?view=host with the host key) also gets the drafts and notes buyers do not see.
        var forHost = context.Request.Query["view"] == "host";
        if (forHost && !HostKeys.Matches(session, context.Request.Headers[HostKeys.Header]))
        {
            await Problem(401, "Host key needed", $"The console view needs the session's host key in the {HostKeys.Header} header.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var recentOnly = context.Request.Query["after"] == "recent" && string.IsNullOrEmpty(context.Request.Headers["Last-Event-ID"]);
        var after = recentOnly ? await store.LastCaptionSeqAsync(session.Id, lang, cancellationToken).ConfigureAwait(false) - 1
            : LastSeen(context.Request) ?? await store.LastCaptionSeqAsync(session.Id, lang, cancellationToken).ConfigureAwait(false);
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";

        // Subscribe before reading history, so nothing published in between is missed.
        using var listener = hub.Subscribe(session.Id, forHost ? CaptionHub.HostChannel(lang) : lang);
        hub.Metrics.StreamOpened();
        using var closed = new StreamCloser(hub.Metrics);
        await response.WriteAsync("retry: 1000\n\n", cancellationToken).ConfigureAwait(false);
        if (await cards.CurrentAsync(session, lang, cancellationToken).ConfigureAwait(false) is { } card)
        {
            await response.Body.WriteAsync(card.Bytes, cancellationToken).ConfigureAwait(false);
        }

        var lastSent = after;
        foreach (var caption in await store.ReadCaptionsAsync(session.Id, lang, after, cancellationToken).ConfigureAwait(false))
        {
            // A page that just loaded shows the last line only while it would still be on screen: OBS reloading a source never replays an old caption.
            var stale = recentOnly && (caption.PublishedAt is not { } published
                || published + TimeSpan.FromMilliseconds(Math.Max(0, caption.EndMs - caption.StartMs) + options.Value.ReplayWindowMs) < time.GetUtcNow());
            if (!stale)
            {
                await response.Body.WriteAsync(SseEvent.Create("caption", caption.Seq, true, forHost ? caption : caption.ForBuyers()).Bytes, cancellationToken).ConfigureAwait(false);
            }

            lastSent = caption.Seq;
        }

        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(Heartbeat);
                bool more;
                try
                {
                    more = await listener.Events.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                    await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!more)
                {
                    return; // cut off for falling behind: the overlay reconnects with Last-Event-ID
                }

                DateTimeOffset? oldestFinal = null;
                while (listener.Events.TryRead(out var message))
                {
                    if (message.Name == "caption" && message.Seq <= lastSent)
                    {
                        continue; // already sent from history, or a partial of a line already final
                    }

                    await response.Body.WriteAsync(message.Bytes, cancellationToken).ConfigureAwait(false);
                    if (message.IsFinal)
                    {
                        lastSent = message.Seq;
                        oldestFinal ??= message.LineReceivedAt;
                    }
                }

                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (oldestFinal is { } receivedAt)
                {
                    hub.Metrics.Written(lang, receivedAt, time.GetUtcNow()); // the server's own time for this overlay, flushed
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the overlay went away
        }
    }

    private static async Task<IResult> ExportAsync(string id, string format, HttpRequest request, SessionStore sessions, CaptionStore store, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Problem(404, "Unknown session", "There is no live session with this id.");
        }

        var lang = Language(request, session);
        if (lang is null)
        {
            return Problem(400, "Unknown language", $"This session captions in: {string.Join(", ", session.CaptionLanguages())}.");
        }

        // Exports are what buyers saw: no console drafts or notes, no withheld lines.
        var captions = (await store.ReadCaptionsAsync(session.Id, lang, 0, cancellationToken).ConfigureAwait(false))
            .Where(c => c.Text.Length > 0).Select(c => c.ForBuyers() with { PublishedAt = null }).ToList();
        var name = $"{session.Id}.{lang}.{format}";
        return format.ToLowerInvariant() switch
        {
            "vtt" => Results.Text(CaptionExports.WebVtt(captions, lang), "text/vtt; charset=utf-8"),
            "srt" => Results.Text(CaptionExports.Srt(captions), "application/x-subrip; charset=utf-8"),
            "json" => Results.Text(CaptionExports.JsonExport(session.Id, lang, captions), "application/json; charset=utf-8"),
            _ => Problem(404, "Unknown format", $"Captions export as .vtt, .srt or .json, not '{name}'."),
        };
    }

    /// <summary>The caption language a request asks for with <c>?lang=</c> (the session's first when absent); null when the session has no such language.</summary>
    public static string? Language(HttpRequest request, LiveSession session)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        var asked = request.Query["lang"].ToString();
        var languages = session.CaptionLanguages();
        if (string.IsNullOrWhiteSpace(asked))
        {
            return languages[0];
        }

        var primary = LanguageTags.Primary(asked);
        return languages.Contains(primary) ? primary : null;
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

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);

    private sealed class StreamCloser(CaptionMetrics metrics) : IDisposable
    {
        public void Dispose() => metrics.StreamClosed();
    }
}
