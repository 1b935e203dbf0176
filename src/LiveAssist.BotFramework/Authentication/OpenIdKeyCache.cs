using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace LiveAssist.BotFramework.Authentication;

/// <summary>
/// Fetches and caches signing keys from OpenID metadata. The JWKS is parsed by hand as well,
/// because the stock OpenID parser drops the Bot Framework's <c>endorsements</c> arrays.
/// </summary>
public sealed partial class OpenIdKeyCache(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<OpenIdKeyCache> logger)
{
    internal const string HttpClientName = "BotFramework.OpenId";
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);
    // Refetching on an unknown kid is allowed, but not on every forged token.
    private static readonly TimeSpan UnknownKeyRefetchInterval = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, SigningKeySet> _sets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>Finds the key with <paramref name="keyId"/>, refreshing the set when it is stale or the key is new.</summary>
    internal async Task<(SecurityKey? Key, HashSet<string>? Endorsements)> FindKeyAsync(string metadataUrl, string keyId, CancellationToken cancellationToken)
    {
        var set = _sets.GetValueOrDefault(metadataUrl, SigningKeySet.Empty);
        var age = time.GetUtcNow() - set.FetchedAt;
        var known = set.Keys.ContainsKey(keyId);
        if (age > RefreshInterval || (!known && age > UnknownKeyRefetchInterval))
        {
            set = await RefreshAsync(metadataUrl, set, cancellationToken).ConfigureAwait(false);
        }

        return set.Keys.TryGetValue(keyId, out var key)
            ? (key, set.Endorsements.GetValueOrDefault(keyId))
            : (null, null);
    }

    private async Task<SigningKeySet> RefreshAsync(string metadataUrl, SigningKeySet current, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(metadataUrl, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var latest = _sets.GetValueOrDefault(metadataUrl, SigningKeySet.Empty);
            if (latest.FetchedAt > current.FetchedAt)
            {
                return latest; // another request refreshed while we waited
            }

            var fetched = await FetchAsync(metadataUrl, cancellationToken).ConfigureAwait(false);
            _sets[metadataUrl] = fetched;
            return fetched;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException or InvalidOperationException)
        {
            LogRefreshFailed(logger, ex, metadataUrl);
            // Keep serving the keys we had; mark the attempt so a dead endpoint is not hammered.
            var kept = current with { FetchedAt = time.GetUtcNow() - RefreshInterval + UnknownKeyRefetchInterval };
            _sets[metadataUrl] = kept;
            return kept;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SigningKeySet> FetchAsync(string metadataUrl, CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        using var metadata = await http.GetFromJsonAsync<JsonDocument>(metadataUrl, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Empty OpenID metadata.");
        var jwksUri = metadata.RootElement.GetProperty("jwks_uri").GetString()
            ?? throw new InvalidOperationException("OpenID metadata has no jwks_uri.");
        var jwksJson = await http.GetStringAsync(new Uri(jwksUri), cancellationToken).ConfigureAwait(false);

        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var key in new JsonWebKeySet(jwksJson).GetSigningKeys())
        {
            if (key.KeyId is { } kid)
            {
                keys[kid] = key;
            }
        }

        var endorsements = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        using var jwks = JsonDocument.Parse(jwksJson);
        foreach (var jwk in jwks.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (jwk.TryGetProperty("kid", out var kid) && kid.GetString() is { } id
                && jwk.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                endorsements[id] = new HashSet<string>(
                    list.EnumerateArray().Select(e => e.GetString()).OfType<string>(), StringComparer.Ordinal);
            }
        }

        LogKeysFetched(logger, keys.Count, metadataUrl);
        return new SigningKeySet(keys, endorsements, time.GetUtcNow());
    }

    [LoggerMessage(10, LogLevel.Information, "Fetched {Count} signing keys from {MetadataUrl}")]
    private static partial void LogKeysFetched(ILogger logger, int count, string metadataUrl);

    [LoggerMessage(11, LogLevel.Warning, "Could not refresh signing keys from {MetadataUrl}; keeping the previous keys")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string metadataUrl);
}
