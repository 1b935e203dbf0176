using LiveAssist.Captions.Delivery;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Presenter.Lines;
using LiveAssist.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveAssist.Presenter.Delivery;

/// <summary>Contract section 2: digital-human lines, their audio, and the per-language timeline export.</summary>
public static class PresenterEndpoints
{
    public static IEndpointRouteBuilder MapPresenter(this IEndpointRouteBuilder endpoints, string? rateLimitPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/sessions/{id}");
        var routes = new[]
        {
            group.MapGet("/speech/{seq:long}", LineAsync),
            group.MapGet("/speech/{seq:long}/audio", AudioAsync),
            group.MapGet("/speech.json", TimelineAsync),
        };
        if (rateLimitPolicy is not null)
        {
            foreach (var route in routes)
            {
                route.RequireRateLimiting(rateLimitPolicy);
            }
        }

        return endpoints;
    }

    private static async Task<IResult> LineAsync(string id, long seq, HttpRequest request, ISessionStore sessions, PresenterLineMaker maker, CancellationToken cancellationToken)
    {
        var (session, lang, error) = await ResolveAsync(id, request, sessions, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var line = await maker.GetAsync(session!, lang!, seq, cancellationToken).ConfigureAwait(false);
        return line is null
            ? Problem(404, "No such line", $"Line {seq} has no final caption in '{lang}' (yet).")
            : Results.Json(line);
    }

    private static async Task<IResult> AudioAsync(string id, long seq, HttpRequest request, ISessionStore sessions, PresenterLineMaker maker, PresenterLineStore store,
        CancellationToken cancellationToken)
    {
        var (session, lang, error) = await ResolveAsync(id, request, sessions, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var line = await maker.GetAsync(session!, lang!, seq, cancellationToken).ConfigureAwait(false);
        var path = line is null ? null : store.ExistingAudio(session!.Id, lang!, seq);
        return path is null
            ? Problem(404, "No audio", $"Line {seq} has no voiced audio in '{lang}'.")
            : Results.File(path, "audio/wav", enableRangeProcessing: true);
    }

    /// <summary>Every line of a language, voiced: what a third-party avatar engine needs (text, words, visemes, audio URLs).</summary>
    private static async Task<IResult> TimelineAsync(string id, HttpRequest request, ISessionStore sessions, ICaptionStore captions, PresenterLineMaker maker,
        CancellationToken cancellationToken)
    {
        var (session, lang, error) = await ResolveAsync(id, request, sessions, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var lines = new List<PresenterLine>();
        foreach (var caption in await captions.ReadCaptionsAsync(session!.Id, lang!, 0, cancellationToken).ConfigureAwait(false))
        {
            if (await maker.GetAsync(session, lang!, caption.Seq, cancellationToken).ConfigureAwait(false) is { } line)
            {
                lines.Add(line);
            }
        }

        return Results.Json(new
        {
            session = session.Id,
            lang,
            visemeTable = "azure-0-21",
            lines,
        });
    }

    private static async Task<(LiveSession? Session, string? Lang, IResult? Error)> ResolveAsync(string id, HttpRequest request, ISessionStore sessions, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return (null, null, Problem(404, "Unknown session", "There is no live session with this id."));
        }

        return CaptionEndpoints.Language(request, session) is { } lang
            ? (session, lang, null)
            : (null, null, Problem(400, "Unknown language", $"This session captions in: {string.Join(", ", session.CaptionLanguages())}."));
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);
}
