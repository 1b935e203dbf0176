using LiveAssist.Captions.Exports;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Captions.ProductCards;
using LiveAssist.Sessions;
using LiveAssist.Sessions.Access;
using LiveAssist.Translation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LiveAssist.Captions.Delivery;

/// <summary>Contract section 2: utterances in, the caption stream and exports out.</summary>
public static class CaptionEndpoints
{
    public static SessionRoutes MapCaptions(this SessionRoutes routes, string? rateLimitPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Host.MapPost("/utterances", PostUtteranceAsync);
        routes.Public.MapGet("/captions/status", StatusAsync);
        // Public: the overlay's stream; the console's ?view=host checks the host key itself.
        var stream = routes.Public.MapGet("/captions/stream", CaptionStream.StreamAsync);
        var export = routes.Public.MapGet("/captions.{format}", ExportAsync);
        if (rateLimitPolicy is not null)
        {
            stream.RequireRateLimiting(rateLimitPolicy);
            export.RequireRateLimiting(rateLimitPolicy);
        }

        return routes;
    }

    private static async Task<IResult> PostUtteranceAsync(AuthorizedSession host, UtteranceInput? body, CaptionPipeline pipeline,
        IOptions<CaptionsOptions> options, CancellationToken cancellationToken)
    {
        var session = host.Session;

        if (string.IsNullOrWhiteSpace(body?.Text))
        {
            return Problem(400, "Text needed", "Send {\"text\": \"...\", \"final\": true|false} with what the host said.");
        }

        var max = options.Value.MaxUtteranceChars;
        if (body.Text.Length > max)
        {
            return Problem(400, "Utterance too long", $"One utterance may have at most {max} characters (this one has {body.Text.Length}); send it as several lines.");
        }

        if (!session.IsLive)
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
    private static async Task<IResult> StatusAsync(string id, ISessionStore sessions, ICaptionStore store, CaptionPipeline pipeline, LiveAssist.Speech.Recognition.RecognizerChain recognizers,
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

    private static async Task<IResult> ExportAsync(string id, string format, HttpRequest request, ISessionStore sessions, ICaptionStore store, CancellationToken cancellationToken)
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

    internal static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);
}
