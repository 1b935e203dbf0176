using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LiveAssist.BotFramework.Authentication;

/// <summary>
/// The signing keys published at each OpenID metadata URL, kept by the framework's
/// <see cref="ConfigurationManager{T}"/> of <see cref="OpenIdConnectConfiguration"/>: fetched on first use, refreshed
/// every <see cref="AutomaticRefreshInterval"/> in the background, and the previous keys kept when a refresh fails.
/// A token naming a key id the keys do not have asks for one refresh (<see cref="ConfigurationManager{T}.RequestRefresh"/>)
/// and waits for it, at most once per <see cref="UnknownKeyRefetchInterval"/>, so a rotated key is taken at once and
/// forged key ids do not make the bot refetch on every token. Each key carries the Bot Framework's channel endorsements.
/// </summary>
public sealed class OpenIdKeyCache(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<OpenIdKeyCache> logger)
{
    internal const string HttpClientName = "BotFramework.OpenId";

    /// <summary>How often the keys are refetched when nothing asks sooner.</summary>
    internal static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(24);

    /// <summary>Refetching on an unknown kid is allowed, but not on every forged token.</summary>
    internal static readonly TimeSpan UnknownKeyRefetchInterval = TimeSpan.FromMinutes(5);

    // Longer than the metadata and JWKS reads together (10 s each, the HTTP client's timeout).
    private static readonly TimeSpan RefreshWait = TimeSpan.FromSeconds(25);

    private readonly ConcurrentDictionary<string, MetadataKeys> _sources = new(StringComparer.Ordinal);

    /// <summary>Finds the key with <paramref name="keyId"/>, refreshing the set when the key is new to it.</summary>
    internal Task<(SecurityKey? Key, HashSet<string>? Endorsements)> FindKeyAsync(string metadataUrl, string keyId, CancellationToken cancellationToken)
        => _sources.GetOrAdd(metadataUrl, url => new MetadataKeys(url, httpClientFactory, time, logger)).FindKeyAsync(keyId, cancellationToken);

    /// <summary>One metadata URL: its configuration manager and the unknown-key refresh in flight, if any.</summary>
    private sealed class MetadataKeys
    {
        private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
        private readonly EndorsedKeysRetriever _retriever;
        private readonly ConditionalWeakTable<OpenIdConnectConfiguration, SigningKeySet> _sets = new();
        private readonly TimeProvider _time;
        private readonly Lock _gate = new();
        private DateTimeOffset _refreshRequestedAt = DateTimeOffset.MinValue;
        private Task<OpenIdConnectConfiguration?>? _refresh;
        private bool _hasKeys;
        private DateTimeOffset _firstFetchFailedAt = DateTimeOffset.MinValue;

        public MetadataKeys(string metadataUrl, IHttpClientFactory clients, TimeProvider time, ILogger logger)
        {
            _time = time;
            _retriever = new EndorsedKeysRetriever(logger);
            // Https always, except for a metadata server on this machine (development and the tests' fakes).
            var documents = new FactoryDocumentRetriever(clients, HttpClientName, requireHttps: !IsLoopback(metadataUrl));
            _manager = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl, _retriever, documents)
            {
                AutomaticRefreshInterval = AutomaticRefreshInterval,
                // The manager's own limit on RequestRefresh is at its minimum: UnknownKeyRefetchInterval decides, so a
                // refresh asked for is one the manager makes, and the request waiting for it is not left to time out.
                RefreshInterval = ConfigurationManager<OpenIdConnectConfiguration>.MinimumRefreshInterval,
            };
        }

        public async Task<(SecurityKey?, HashSet<string>?)> FindKeyAsync(string keyId, CancellationToken cancellationToken)
        {
            // Until the first keys arrive the manager fetches on every call; a dead endpoint is tried once per interval.
            if (!Volatile.Read(ref _hasKeys) && _time.GetUtcNow() - _firstFetchFailedAt < UnknownKeyRefetchInterval)
            {
                return (null, null);
            }

            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _hasKeys, true);
            }
            catch (InvalidOperationException)
            {
                _firstFetchFailedAt = _time.GetUtcNow();
                return (null, null); // no keys fetched yet; the retriever logged why
            }

            var found = KeysOf(configuration).Find(keyId);
            if (found.Key is not null)
            {
                return found;
            }

            var refreshed = await RefreshForUnknownKeyAsync(cancellationToken).ConfigureAwait(false);
            return refreshed is null ? (null, null) : KeysOf(refreshed).Find(keyId);
        }

        private SigningKeySet KeysOf(OpenIdConnectConfiguration configuration) => _sets.GetValue(configuration, SigningKeySet.From);

        /// <summary>The refresh in flight, or a new one if the last was long enough ago; null when none may be made.</summary>
        private Task<OpenIdConnectConfiguration?> RefreshForUnknownKeyAsync(CancellationToken cancellationToken)
        {
            Task<OpenIdConnectConfiguration?>? refresh;
            lock (_gate)
            {
                refresh = _refresh is { IsCompleted: false } ? _refresh : null;
                var now = _time.GetUtcNow();
                if (refresh is null && now - _refreshRequestedAt >= UnknownKeyRefetchInterval)
                {
                    _refreshRequestedAt = now;
                    var next = _retriever.NextRetrieval; // taken before asking, so the refresh cannot end unseen
                    _manager.RequestRefresh();
                    refresh = _refresh = WithinRefreshWaitAsync(next);
                }
            }

            return refresh is null ? Task.FromResult<OpenIdConnectConfiguration?>(null) : refresh.WaitAsync(cancellationToken);
        }

        private async Task<OpenIdConnectConfiguration?> WithinRefreshWaitAsync(Task<OpenIdConnectConfiguration?> retrieval)
        {
            try
            {
                return await retrieval.WaitAsync(RefreshWait, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }

        private static bool IsLoopback(string url)
            => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
    }
}
