using Azure.Core;
using Microsoft.Extensions.Logging;

namespace LiveAssist.Engines.Azure.CognitiveAuth;

/// <summary>
/// Bearer tokens for one Azure AI resource: from the token service with the key (valid 10 minutes,
/// reused for at most <see cref="Reuse"/>), or from Entra ID as <c>aad#{resourceId}#{token}</c>.
/// A connection that is refused with a token asks again with <c>forceRefresh</c>.
/// </summary>
public sealed partial class CognitiveTokenProvider(CognitiveAccount account, HttpClient http, TimeProvider time, ILogger logger, TokenCredential? credential = null)
{
    /// <summary>Tokens live 10 minutes; the documentation recommends reusing one for about 9 at most.</summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromMinutes(8);

    private static readonly string[] Scopes = ["https://cognitiveservices.azure.com/.default"];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset FetchedAt)? _current;

    public CognitiveAccount Account => account;

    public async Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!forceRefresh && _current is { } current && time.GetUtcNow() - current.FetchedAt < Reuse)
            {
                return current.Token;
            }

            var token = await FetchAsync(cancellationToken).ConfigureAwait(false);
            _current = (token, time.GetUtcNow());
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Seconds the last issued token may still be used (what a browser is told).</summary>
    public int RemainingSeconds => _current is { } c ? (int)Math.Max(0, (Reuse - (time.GetUtcNow() - c.FetchedAt)).TotalSeconds) : 0;

    private async Task<string> FetchAsync(CancellationToken cancellationToken)
    {
        if (account.UseEntraId)
        {
            if (credential is null || string.IsNullOrWhiteSpace(account.ResourceId))
            {
                throw new InvalidOperationException("Entra ID sign-in needs ResourceId (the resource's ARM id).");
            }

            var entra = await credential.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken).ConfigureAwait(false);
            return $"aad#{account.ResourceId}#{entra.Token}";
        }

        if (string.IsNullOrWhiteSpace(account.Key))
        {
            throw new InvalidOperationException("No key configured for the Azure resource.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, account.IssueTokenUri()) { Content = new ByteArrayContent([]) };
        request.Headers.Add("Ocp-Apim-Subscription-Key", account.Key);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            LogRefused(logger, (int)response.StatusCode, request.RequestUri!.Host);
            throw new HttpRequestException($"The token service answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        return (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
    }

    [LoggerMessage(1, LogLevel.Error, "The Azure token service at {Host} refused the key ({Status})")]
    private static partial void LogRefused(ILogger logger, int status, string host);
}
