using LiveAssist.Captions.Delivery;
using LiveAssist.Captions.Pipeline;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.Presenter.Lines;
using LiveAssist.Presenter.Timings;
using LiveAssist.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveAssist.Presenter.Delivery;

/// <summary>Contract section 2: digital-human lines, their audio, and the per-language timeline export.</summary>
public static class PresenterEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Public: the OBS avatar page and third-party avatar engines have the live's link, not its host key.</summary>
    public static SessionRoutes MapPresenter(this SessionRoutes routes, string? rateLimitPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var group = routes.Public;
        var mapped = new[]
        {
            group.MapGet("/speech/{seq:long}", LineAsync),
            group.MapGet("/speech/{seq:long}/audio", AudioAsync),
            group.MapGet("/speech.json", TimelineAsync),
        };
        if (rateLimitPolicy is not null)
        {
            foreach (var route in mapped)
            {
                route.RequireRateLimiting(rateLimitPolicy);
            }
        }

        return routes;
    }

    private static async Task<IResult> LineAsync(string id, long seq, HttpRequest request, ISessionStore sessions, PresenterLineMaker maker, CancellationToken cancellationToken)
    {
        var (session, lang, error) = await ResolveAsync(id, request, sessions, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (Track(request) is not { } track)
        {
            return TrackProblem();
        }

        var line = await maker.GetAsync(session!, lang!, seq, cancellationToken).ConfigureAwait(false);
        return line is null
            ? Problem(404, "No such line", $"Line {seq} has no final caption in '{lang}' (yet).")
            : Results.Json(WithTrack(line, track));
    }

    // ?track=oculus or ?track=arkit&fps=30 (docs/presenter.md): the line as ever, plus that track.
    private static (string Name, int Fps)? Track(HttpRequest request)
    {
        if (VisemeTracks.Parse(request.Query["track"]) is not { } name)
        {
            return null;
        }

        var fps = VisemeTracks.DefaultFps;
        if (request.Query["fps"] is { Count: > 0 } given && (!int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out fps) || fps < 1 || fps > VisemeTracks.MaxFps))
        {
            return null;
        }

        return (name, fps);
    }

    private static IResult TrackProblem() => Problem(400, "Unknown track",
        $"track is one of {VisemeTracks.Azure} (the default), {VisemeTracks.Oculus}, {VisemeTracks.ArKit}; fps is 1 to {VisemeTracks.MaxFps}.");

    private static JsonNode WithTrack(PresenterLine line, (string Name, int Fps) track)
    {
        var node = JsonSerializer.SerializeToNode(line, Json)!;
        if (track.Name == VisemeTracks.Oculus)
        {
            node["oculusVisemes"] = JsonSerializer.SerializeToNode(VisemeTracks.ToOculus(line.Visemes), Json);
        }
        else if (track.Name == VisemeTracks.ArKit)
        {
            node["blendShapes"] = JsonSerializer.SerializeToNode(VisemeTracks.ToArKit(line.Visemes, line.DurationMs, track.Fps), Json);
        }

        return node;
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

        if (Track(request) is not { } track)
        {
            return TrackProblem();
        }

        var lines = new List<JsonNode>();
        foreach (var caption in await captions.ReadCaptionsAsync(session!.Id, lang!, 0, cancellationToken).ConfigureAwait(false))
        {
            if (await maker.GetAsync(session, lang!, caption.Seq, cancellationToken).ConfigureAwait(false) is { } line)
            {
                lines.Add(WithTrack(line, track));
            }
        }

        return Results.Json(new
        {
            session = session.Id,
            lang,
            visemeTable = "azure-0-21",
            track = track.Name,
            fps = track.Name == VisemeTracks.ArKit ? track.Fps : (int?)null,
            oculusVisemes = track.Name == VisemeTracks.Oculus ? VisemeTracks.OculusNames : null,
            blendShapes = track.Name == VisemeTracks.ArKit ? VisemeTracks.ArKitNames : null,
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
