using System.Net.Http.Headers;

namespace LiveAssist.BotFramework.Connector;

/// <summary>Puts the bot's bearer token on every Connector request (each retry asks again, so a refreshed token is used).</summary>
public sealed class BotAuthorizationHandler(IBotTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
