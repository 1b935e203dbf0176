using LiveAssist.Engines.Azure.CognitiveAuth;

namespace LiveAssist.Engines.Azure.Tts;

/// <summary>Signs TTS requests: the resource key, or an Entra token in Speech's <c>aad#…</c> form; the User-Agent the service requires.</summary>
internal sealed class AzureTtsAuthHandler(AzureTtsOptions options, Func<CognitiveTokenProvider> tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            request.Headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Key", options.Key);
        }
        else
        {
            var token = await tokens().GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.TryAddWithoutValidation("User-Agent", "LiveAssist");
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
