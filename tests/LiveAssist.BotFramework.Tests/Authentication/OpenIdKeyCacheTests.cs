using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveAssist.BotFramework.Authentication;
using LiveAssist.BotFramework.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveAssist.BotFramework.Tests.Authentication;

/// <summary>
/// The signing keys kept by the framework's configuration manager: an unknown key id asks for one refresh and waits
/// for it, known keys are not refetched per token, forged key ids cannot make the bot refetch, and endorsements count.
/// </summary>
public sealed class OpenIdKeyCacheTests : IDisposable
{
    private const string MetadataUrl = "https://login.test/v1/.well-known/openidconfiguration";
    private const string AppId = "bot-app-id";
    private const string ServiceUrl = "https://smba.test/amer/";

    private readonly OpenIdServer _server = new();

    [Fact]
    public async Task FindKey_UnknownKid_RefreshesOnce_ThenFindsTheRotatedKey()
    {
        var cache = NewCache();
        Assert.NotNull((await cache.FindKeyAsync(MetadataUrl, "key-1", CancellationToken.None)).Key);
        Assert.Equal(1, _server.MetadataReads);

        _server.Publish("key-2", ["msteams"]); // the service rotates its keys

        var (key, endorsements) = await cache.FindKeyAsync(MetadataUrl, "key-2", CancellationToken.None);

        Assert.Equal("key-2", key?.KeyId);
        Assert.Equal(["msteams"], endorsements!);
        Assert.Equal(2, _server.MetadataReads);
    }

    [Fact]
    public async Task FindKey_ManyTokens_KeysNotRefetched_AndForgedKidsRefetchOnlyOnce()
    {
        var cache = NewCache();
        for (var i = 0; i < 50; i++)
        {
            Assert.NotNull((await cache.FindKeyAsync(MetadataUrl, "key-1", CancellationToken.None)).Key);
        }

        Assert.Equal(1, _server.MetadataReads);

        for (var i = 0; i < 20; i++)
        {
            Assert.Null((await cache.FindKeyAsync(MetadataUrl, "forged-" + i, CancellationToken.None)).Key);
        }

        Assert.Equal(2, _server.MetadataReads); // the first unknown kid refreshed; the rest waited for nothing
        Assert.NotNull((await cache.FindKeyAsync(MetadataUrl, "key-1", CancellationToken.None)).Key);
    }

    [Fact]
    public async Task FindKey_EndorsementsComeFromTheJwks_AndAKeyWithoutThemHasNone()
    {
        _server.Publish("bare-key", null);
        var cache = NewCache();

        Assert.Equal(["msteams", "webchat"], (await cache.FindKeyAsync(MetadataUrl, "key-1", CancellationToken.None)).Endorsements!.Order());
        var (key, endorsements) = await cache.FindKeyAsync(MetadataUrl, "bare-key", CancellationToken.None);
        Assert.NotNull(key);
        Assert.Null(endorsements);
    }

    [Fact]
    public async Task FindKey_MetadataUnreachable_NoKey_AndNotRetriedOnEveryToken()
    {
        _server.Failing = true;
        var cache = NewCache();

        Assert.Null((await cache.FindKeyAsync(MetadataUrl, "key-1", CancellationToken.None)).Key);
        var tried = _server.Requests; // the framework's document retriever may retry a 503 once
        Assert.Null((await cache.FindKeyAsync(MetadataUrl, "key-1", CancellationToken.None)).Key);

        Assert.InRange(tried, 1, 2);
        Assert.Equal(tried, _server.Requests);
    }

    [Fact]
    public async Task FindKey_PlainHttpOffThisMachine_NeverFetched()
    {
        Assert.Null((await NewCache().FindKeyAsync("http://login.test/openid", "key-1", CancellationToken.None)).Key);
        Assert.Equal(0, _server.Requests);
    }

    [Theory]
    [InlineData("key-1", "msteams", 200)]
    [InlineData("key-1", "webchat", 200)]
    [InlineData("teams-only", "webchat", 403)] // the key is genuine, but not endorsed for this channel
    [InlineData("bare-key", "msteams", 403)]
    public async Task Authenticate_ChannelToken_NeedsTheChannelsEndorsementOnItsKey(string keyId, string channelId, int status)
    {
        _server.Publish("teams-only", ["msteams"]);
        _server.Publish("bare-key", null);
        var options = Options.Create(new BotFrameworkOptions { MicrosoftAppId = AppId, ToBotFromChannelOpenIdMetadataUrl = MetadataUrl });
        var authenticator = new BotFrameworkAuthenticator(options, NewCache(), new TrustedServiceUrls(options), TimeProvider.System, NullLogger<BotFrameworkAuthenticator>.Instance);
        var activity = new Activity { Type = ActivityTypes.Message, ChannelId = channelId, ServiceUrl = ServiceUrl };

        var result = await authenticator.AuthenticateAsync("Bearer " + _server.Sign(keyId), activity, CancellationToken.None);

        Assert.Equal(status, result.StatusCode);
    }

    public void Dispose() => _server.Dispose();

    private OpenIdKeyCache NewCache() => new(_server, TimeProvider.System, NullLogger<OpenIdKeyCache>.Instance);

    /// <summary>The Bot Framework's OpenID metadata and JWKS (with endorsements) behind a stub HTTP handler.</summary>
    private sealed class OpenIdServer : HttpMessageHandler, IHttpClientFactory
    {
        private readonly Dictionary<string, (RSA Key, string[]? Endorsements)> _keys = new(StringComparer.Ordinal);
        private int _metadataReads;
        private int _requests;

        public OpenIdServer() => Publish("key-1", ["msteams", "webchat"]);

        public int MetadataReads => Volatile.Read(ref _metadataReads);

        public int Requests => Volatile.Read(ref _requests);

        public bool Failing { get; set; }

        public void Publish(string keyId, string[]? endorsements)
        {
            lock (_keys)
            {
                _keys[keyId] = (RSA.Create(2048), endorsements);
            }
        }

        public string Sign(string keyId)
        {
            RSA key;
            lock (_keys)
            {
                key = _keys[keyId].Key;
            }

            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "https://api.botframework.com",
                Audience = AppId,
                Expires = DateTime.UtcNow.AddMinutes(30),
                Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
                SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
            });
        }

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            if (Failing)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            }

            string body;
            if (request.RequestUri!.AbsoluteUri == MetadataUrl)
            {
                Interlocked.Increment(ref _metadataReads);
                body = JsonSerializer.Serialize(new { issuer = "https://api.botframework.com", jwks_uri = "https://login.test/v1/.well-known/keys" });
            }
            else if (request.RequestUri.AbsoluteUri == "https://login.test/v1/.well-known/keys")
            {
                body = Jwks();
            }
            else
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }

        private string Jwks()
        {
            lock (_keys)
            {
                var keys = _keys.Select(pair =>
                {
                    var p = pair.Value.Key.ExportParameters(false);
                    var jwk = new Dictionary<string, object>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = pair.Key,
                        ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    };
                    if (pair.Value.Endorsements is { } endorsements)
                    {
                        jwk["endorsements"] = endorsements;
                    }

                    return jwk;
                }).ToList();
                return JsonSerializer.Serialize(new { keys });
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var (key, _) in _keys.Values)
                {
                    key.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }
}
