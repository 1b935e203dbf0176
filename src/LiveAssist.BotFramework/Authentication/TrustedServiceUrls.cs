using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace LiveAssist.BotFramework.Authentication;

/// <summary>
/// The serviceUrls the bot may send its credentials to: those configured, and those that arrived
/// on an authenticated activity whose <c>serviceurl</c> claim matched. Without an app id (local
/// development) only loopback addresses are allowed, so a stranger cannot make the bot call out.
/// Vouched-for serviceUrls are kept by the <see cref="ITrustedServiceUrlStore"/>, if one is registered,
/// and read back at start; at most <see cref="MaxUrls"/> are held.
/// </summary>
public sealed class TrustedServiceUrls
{
    /// <summary>Channels have a handful of serviceUrls (Teams: one per region); this bounds what tokens can add.</summary>
    public const int MaxUrls = 1000;

    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.OrdinalIgnoreCase);
    private readonly IOptions<BotFrameworkOptions> _options;
    private readonly ITrustedServiceUrlStore? _store;

    public TrustedServiceUrls(IOptions<BotFrameworkOptions> options)
        : this(options, [])
    {
    }

    public TrustedServiceUrls(IOptions<BotFrameworkOptions> options, IEnumerable<ITrustedServiceUrlStore> stores)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stores);
        _options = options;
        foreach (var url in options.Value.TrustedServiceUrls)
        {
            _urls.TryAdd(Normalize(url), 0);
        }

        _store = stores.LastOrDefault();
        foreach (var url in _store?.Load(MaxUrls) ?? [])
        {
            _urls.TryAdd(Normalize(url), 0);
        }
    }

    public void Trust(string serviceUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        if (_urls.Count < MaxUrls && _urls.TryAdd(Normalize(serviceUrl), 0))
        {
            _store?.Save(Normalize(serviceUrl));
        }
    }

    public bool IsTrusted(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (_options.Value.IsAuthenticationDisabled)
        {
            return uri.IsLoopback;
        }

        // Credentials travel only over HTTPS, or to this machine.
        var secure = uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback;
        return secure && _urls.ContainsKey(Normalize(serviceUrl));
    }

    private static string Normalize(string url) => url.EndsWith('/') ? url : url + "/";
}
