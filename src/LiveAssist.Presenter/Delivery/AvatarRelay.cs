using LiveAssist.Presenter.Synthesis;
using LiveAssist.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveAssist.Presenter.Delivery;

/// <summary>
/// <c>POST /api/sessions/{id}/presenter/avatar-session</c>: what the avatar page needs to open one Azure real-time avatar
/// session through the Speech JS SDK: a short-lived Speech token and the region, the WebRTC relay (TURN) credentials
/// Azure issues, the character and style, the Azure voice per language, and when to renew. The resource key stays on
/// the server, behind the vendor adapter's <see cref="IAvatarSessionIssuer"/>. The OBS page has no host key, so this answers
/// only for a live that is on air with the Azure avatar chosen (and is rate-limited): the worst a leaked OBS link can do is
/// keep that live's avatar open.
/// </summary>
public static class AvatarRelay
{
    public static SessionRoutes MapAvatarRelay(this SessionRoutes routes, string? rateLimitPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var route = routes.Public.MapPost("/presenter/avatar-session", SessionAsync);
        if (rateLimitPolicy is not null)
        {
            route.RequireRateLimiting(rateLimitPolicy);
        }

        return routes;
    }

    private static async Task<IResult> SessionAsync(string id, ISessionStore sessions, IAvatarSessionIssuer issuer, ICloudVoices voices, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Results.Problem("没有这个编号的直播。There is no live session with this id.", statusCode: 404, title: "Unknown session");
        }

        if (!issuer.IsConfigured)
        {
            return Results.Problem("Azure 真人形象需要配置 Azure 语音（Tts:Azure:Key 和 Region）。The Azure avatar needs Tts:Azure.", statusCode: 404, title: "No Azure Speech");
        }

        if (session.Presenter?.Look != PresenterSettings.AzureAvatar || !session.IsLive)
        {
            return Results.Problem("这场直播没有选 Azure 真人形象，或已经结束。This live does not use the Azure avatar, or has ended.", statusCode: 403, title: "Not an Azure avatar live");
        }

        try
        {
            var grant = await issuer.IssueAsync(cancellationToken).ConfigureAwait(false);
            var settings = session.Presenter;
            return Results.Json(new
            {
                token = grant.Token,
                region = grant.Region,
                relay = new { urls = grant.RelayUrls, username = grant.RelayUsername, credential = grant.RelayCredential },
                character = settings.AvatarCharacter,
                style = settings.AvatarStyle,
                voices = session.CaptionLanguages().ToDictionary(l => l, l => settings.Voices.GetValueOrDefault(l)?.Azure ?? voices.DefaultVoice(l)),
                renewAfterSeconds = grant.RenewAfterSeconds,
                tokenSeconds = grant.TokenSeconds,
            });
        }
        catch (AvatarRelayException e)
        {
            return Results.Problem(e.Message, statusCode: 502, title: "No relay");
        }
        catch (HttpRequestException e)
        {
            return Results.Problem("连不上 Azure 语音：" + e.Message, statusCode: 502, title: "Azure Speech unreachable");
        }
    }
}
