using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace LiveAssist.BotFramework.Authentication;

/// <summary>
/// The serviceUrls the bot may send its credentials to: those configured, and those that arrived
/// on an authenticated activity whose <c>serviceurl</c> claim matched. Without an app id (local
/// development) only loopback addresses are allowed, so a stranger cannot make the bot call out.
/// </summary>
public sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.OrdinalIgnoreCase);
    private readonly IOptions<BotFrameworkOptions> _options;

    public TrustedServiceUrls(IOptions<BotFrameworkOptions> options)
    {
        _options = options;
        foreach (var url in options.Value.TrustedServiceUrls)
        {
            Trust(url);
        }
    }

    public void Trust(string serviceUrl) => _urls.TryAdd(Normalize(serviceUrl), 0);

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
