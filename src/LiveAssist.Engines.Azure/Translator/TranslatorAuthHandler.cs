using Azure.Core;

namespace LiveAssist.Engines.Azure.Translator;

/// <summary>
/// Signs Translator requests: key plus region header (regional and multi-service keys fail with
/// 401000 without it), or an Entra ID token plus the resource id. Adds a trace id per request.
/// </summary>
internal sealed class TranslatorAuthHandler(AzureTranslatorOptions options, TokenCredential? credential) : DelegatingHandler
{
    private static readonly string[] Scopes = ["https://cognitiveservices.azure.com/.default"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("X-ClientTraceId");
        request.Headers.Add("X-ClientTraceId", Guid.NewGuid().ToString());
        if (options.UseEntraId && credential is not null)
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
            if (!string.IsNullOrWhiteSpace(options.ResourceId))
            {
                request.Headers.TryAddWithoutValidation("Ocp-Apim-ResourceId", options.ResourceId);
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.Key))
        {
            request.Headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Key", options.Key);
        }

        if (!string.IsNullOrWhiteSpace(options.Region) && !string.Equals(options.Region, "global", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Region", options.Region);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
