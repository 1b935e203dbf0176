using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace LiveAssist.BotFramework.Connector;

/// <summary>
/// OAuth client-credentials tokens for the Connector (<c>scope = https://api.botframework.com/.default</c>),
/// cached until five minutes before they expire; one refresh at a time.
/// </summary>
public sealed class ClientCredentialsTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<BotFrameworkOptions> options,
    TimeProvider time) : IBotTokenProvider, IDisposable
{
    internal const string HttpClientName = "BotFramework.Login";
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.IsAuthenticationDisabled || string.IsNullOrEmpty(settings.MicrosoftAppPassword))
        {
            return null;
        }

        if (_token is { } cached && time.GetUtcNow() < _expiresAt - RefreshMargin)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } fresh && time.GetUtcNow() < _expiresAt - RefreshMargin)
            {
                return fresh;
            }

            var scope = settings.ToChannelFromBotOAuthScope.EndsWith("/.default", StringComparison.Ordinal)
                ? settings.ToChannelFromBotOAuthScope
                : settings.ToChannelFromBotOAuthScope.TrimEnd('/') + "/.default";
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.MicrosoftAppId!,
                ["client_secret"] = settings.MicrosoftAppPassword,
                ["scope"] = scope,
            });
            var http = httpClientFactory.CreateClient(HttpClientName);
            using var response = await http.PostAsync(new Uri(settings.ResolveLoginUrl()), form, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The token endpoint returned an empty body.");
            _token = body.AccessToken ?? throw new InvalidOperationException("The token endpoint returned no access_token.");
            _expiresAt = time.GetUtcNow().AddSeconds(body.ExpiresIn > 0 ? body.ExpiresIn : 3600);
            return _token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
