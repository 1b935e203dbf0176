using LiveAssist.Engines.Azure.CognitiveAuth;
using LiveAssist.Sessions;
using LiveAssist.Sessions.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Engines.Azure.Speech;

/// <summary>
/// <c>POST /api/sessions/{id}/speech-token</c> (host key): a short-lived Speech token and region for
/// the host page's Speech SDK. The resource key stays on the server.
/// </summary>
public static class SpeechTokenEndpoint
{
    public static SessionRoutes MapSpeechToken(this SessionRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Host.MapPost("/speech-token", async (AuthorizedSession host, AzureSpeechOptions options,
            [FromKeyedServices(AzureEnginesServiceCollectionExtensions.SpeechKey)] CognitiveTokenProvider tokens, CancellationToken cancellationToken) =>
        {

            if (!options.BrowserRecognition || !options.HasCredentials || string.IsNullOrWhiteSpace(options.Region))
            {
                return Results.Problem("Azure Speech is not configured for the host page (Speech:Azure:Key and Region). Use the browser's recognition or type.",
                    statusCode: 404, title: "No Azure Speech");
            }

            try
            {
                var token = await tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
                return Results.Json(new
                {
                    token,
                    region = options.Region,
                    expiresInSeconds = tokens.RemainingSeconds,
                    language = SpeechLocales.ForRecognition(host.Session.SourceLanguage),
                });
            }
            catch (HttpRequestException e)
            {
                return Results.Problem(e.Message, statusCode: 502, title: "The Azure token service refused");
            }
        });
        return routes;
    }
}
