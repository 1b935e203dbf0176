using System.Net.Http.Headers;
using System.Text.Json;
using LiveAssist.Engines.Azure.CognitiveAuth;
using LiveAssist.Presenter.Delivery;

namespace LiveAssist.Engines.Azure.Tts;

/// <summary>
/// Azure's real-time avatar: a Speech token from the TTS resource and the WebRTC relay credentials from
/// <c>cognitiveservices/avatar/relay/token/v1</c>, signed with the resource key (or the Entra token).
/// </summary>
internal sealed class AzureAvatarSessions(AzureTtsOptions options, IHttpClientFactory http, CognitiveTokenProvider tokens) : IAvatarSessionIssuer
{
    public const string HttpClientName = "azure-avatar-relay";

    // Azure answers {"Urls": [...], "Username": ..., "Password": ...}.
    private static readonly JsonSerializerOptions RelayJson = new() { PropertyNameCaseInsensitive = true };

    public bool IsConfigured => options.HasCredentials && !string.IsNullOrWhiteSpace(options.Region);

    public async Task<AvatarSessionGrant> IssueAsync(CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.BaseUri(), "cognitiveservices/avatar/relay/token/v1"));
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            request.Headers.Add("Ocp-Apim-Subscription-Key", options.Key);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AvatarRelayException($"Azure 没有给出 WebRTC 中继：{(int)response.StatusCode}。The relay token request answered {(int)response.StatusCode}.");
        }

        RelayToken? relay;
        try
        {
            relay = await JsonSerializer.DeserializeAsync<RelayToken>(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), RelayJson, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new AvatarRelayException("Azure 的中继回答读不了。The relay answer is not JSON.", e);
        }

        if (relay?.Urls is not { Length: > 0 } urls)
        {
            throw new AvatarRelayException("Azure 没有给出 WebRTC 中继地址。The relay token has no URLs.");
        }

        return new AvatarSessionGrant(token, options.Region, urls, relay.Username, relay.Password, Math.Max(1, options.AvatarRenewSeconds), tokens.RemainingSeconds);
    }

    private sealed record RelayToken(string[]? Urls, string? Username, string? Password);
}
