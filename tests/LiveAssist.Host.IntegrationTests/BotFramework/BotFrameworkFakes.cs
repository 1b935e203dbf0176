using System.Collections.Concurrent;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Host.IntegrationTests.BotFramework;

/// <summary>
/// One loopback server playing every Bot Framework service the bot talks to: OpenID metadata and
/// keys, the login endpoint, and a channel's Connector (at <c>/amer/</c>, a path like Teams' serviceUrls).
/// Conversations whose id contains "throttle" get one 429 with Retry-After: 1 before succeeding.
/// </summary>
public sealed class BotFrameworkFakes : IAsyncLifetime
{
    public const string AppId = "bot-app-id";
    public const string AccessToken = "connector-access-token";

    private readonly ConcurrentDictionary<string, int> _throttled = new();

    public BotFrameworkTokenIssuer Issuer { get; } = new();

    public LoopbackServer Server { get; private set; } = null!;

    public LiveAssistFactory Factory { get; private set; } = null!;

    public string ServiceUrl => Server.BaseUrl + "/amer/";

    public async Task InitializeAsync()
    {
        Server = await LoopbackServer.StartAsync((routes, server) =>
        {
            Issuer.MapRoutes(routes, server);
            routes.MapPost("/token", () => Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = AccessToken }));
            routes.MapPost("/amer/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId, HttpResponse response) =>
            {
                if (conversationId.Contains("throttle", StringComparison.Ordinal) && _throttled.AddOrUpdate(conversationId, 1, (_, n) => n + 1) == 1)
                {
                    response.Headers.RetryAfter = "1";
                    return Results.StatusCode(429);
                }

                return Results.Json(new { id = "reply-" + Guid.NewGuid().ToString("N")[..8] });
            });
            routes.MapPost("/amer/v3/conversations/{conversationId}/activities", () => Results.Json(new { id = "sent-1" }));
        });

        Factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "app-password",
            ["ToBotFromChannelOpenIdMetadataUrl"] = Server.BaseUrl + "/openid",
            ["ToBotFromEmulatorOpenIdMetadataUrl"] = Server.BaseUrl + "/openid",
            ["ToChannelFromBotLoginUrl"] = Server.BaseUrl + "/token",
        });
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
        Issuer.Dispose();
    }
}
