using System.Net.Http.Headers;
using System.Text.Json;
using LiveAssist.Engines.CognitiveAuth;
using LiveAssist.Presenter.Scripts;
using LiveAssist.Presenter.Synthesis.Azure;
using LiveAssist.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Presenter.Delivery;

/// <summary>
/// <c>POST /api/sessions/{id}/presenter/avatar-session</c>: what the avatar page needs to open one Azure real-time avatar
/// session through the Speech JS SDK: a short-lived Speech token and the region, the WebRTC relay (TURN) credentials
/// Azure issues, the character and style, the Azure voice per language, and when to renew. The resource key stays on
/// the server. The OBS page has no host key, so this answers only for a live that is on air with the Azure avatar chosen
/// (and is rate-limited): the worst a leaked OBS link can do is keep that live's avatar open.
/// </summary>
public static class AvatarRelay
{
    public const string HttpClientName = "azure-avatar-relay";

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

    // Azure answers {"Urls": [...], "Username": ..., "Password": ...}.
    private static readonly JsonSerializerOptions RelayJson = new() { PropertyNameCaseInsensitive = true };

    private sealed record RelayToken(string[]? Urls, string? Username, string? Password);

    private static async Task<IResult> SessionAsync(string id, ISessionStore sessions, AzureTtsOptions azure, IHttpClientFactory http,
        [FromKeyedServices(PresenterServiceCollectionExtensions.TtsTokenKey)] CognitiveTokenProvider tokens, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Results.Problem("没有这个编号的直播。There is no live session with this id.", statusCode: 404, title: "Unknown session");
        }

        if (!azure.HasCredentials || string.IsNullOrWhiteSpace(azure.Region))
        {
            return Results.Problem("Azure 真人形象需要配置 Azure 语音（Tts:Azure:Key 和 Region）。The Azure avatar needs Tts:Azure.", statusCode: 404, title: "No Azure Speech");
        }

        if (session.Presenter?.Look != PresenterSettings.AzureAvatar || !session.IsLive)
        {
            return Results.Problem("这场直播没有选 Azure 真人形象，或已经结束。This live does not use the Azure avatar, or has ended.", statusCode: 403, title: "Not an Azure avatar live");
        }

        try
        {
            var token = await tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(azure.BaseUri(), "cognitiveservices/avatar/relay/token/v1"));
            if (!string.IsNullOrWhiteSpace(azure.Key))
            {
                request.Headers.Add("Ocp-Apim-Subscription-Key", azure.Key);
            }
            else
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Results.Problem($"Azure 没有给出 WebRTC 中继：{(int)response.StatusCode}。The relay token request answered {(int)response.StatusCode}.", statusCode: 502, title: "No relay");
            }

            var relay = await JsonSerializer.DeserializeAsync<RelayToken>(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), RelayJson, cancellationToken).ConfigureAwait(false);
            if (relay?.Urls is not { Length: > 0 })
            {
                return Results.Problem("Azure 没有给出 WebRTC 中继地址。The relay token has no URLs.", statusCode: 502, title: "No relay");
            }

            var settings = session.Presenter;
            return Results.Json(new
            {
                token,
                region = azure.Region,
                relay = new { urls = relay?.Urls ?? [], username = relay?.Username, credential = relay?.Password },
                character = settings.AvatarCharacter,
                style = settings.AvatarStyle,
                voices = session.CaptionLanguages().ToDictionary(l => l, l => settings.Voices.GetValueOrDefault(l)?.Azure ?? PresenterVoices.Azure(l, azure.Voices)),
                renewAfterSeconds = Math.Max(1, azure.AvatarRenewSeconds),
                tokenSeconds = tokens.RemainingSeconds,
            });
        }
        catch (HttpRequestException e)
        {
            return Results.Problem("连不上 Azure 语音：" + e.Message, statusCode: 502, title: "Azure Speech unreachable");
        }
        catch (JsonException)
        {
            return Results.Problem("Azure 的中继回答读不了。The relay answer is not JSON.", statusCode: 502, title: "No relay");
        }
    }
}
