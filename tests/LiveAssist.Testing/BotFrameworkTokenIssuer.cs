using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveAssist.Testing;

/// <summary>
/// Plays the Bot Framework's token service locally: RSA signing keys published as OpenID metadata
/// and a JWKS with channel endorsements, and tokens signed the way Azure Bot Service signs them.
/// </summary>
public sealed class BotFrameworkTokenIssuer : IDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EndorsedKeyId = "endorsed-key";
    public const string TeamsOnlyKeyId = "teams-only-key";
    public const string UnendorsedKeyId = "unendorsed-key";

    private readonly Dictionary<string, RSA> _keys = new()
    {
        [EndorsedKeyId] = RSA.Create(2048),
        [TeamsOnlyKeyId] = RSA.Create(2048),
        [UnendorsedKeyId] = RSA.Create(2048),
    };

    private readonly Dictionary<string, string[]?> _endorsements = new()
    {
        [EndorsedKeyId] = ["msteams", "webchat", "directline", "emulator"],
        [TeamsOnlyKeyId] = ["msteams"],
        [UnendorsedKeyId] = null,
    };

    /// <summary>A key the published JWKS does not contain (a forger's key).</summary>
    public RSA ForeignKey { get; } = RSA.Create(2048);

    /// <summary>Serves <c>/openid</c> (metadata) and <c>/jwks</c> on a loopback server.</summary>
    public void MapRoutes(IEndpointRouteBuilder routes, LoopbackServer server)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(server);
        routes.MapGet("/openid", () => Results.Json(new
        {
            issuer = ChannelIssuer,
            jwks_uri = server.BaseUrl + "/jwks",
            id_token_signing_alg_values_supported = new[] { "RS256" },
        }));
        routes.MapGet("/jwks", () => Results.Text(JwksJson(), "application/json"));
    }

    public string JwksJson()
    {
        var keys = _keys.Select(pair =>
        {
            var p = pair.Value.ExportParameters(false);
            var jwk = new Dictionary<string, object>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = pair.Key,
                ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            };
            if (_endorsements[pair.Key] is { } endorsements)
            {
                jwk["endorsements"] = endorsements;
            }

            return jwk;
        });
        return JsonSerializer.Serialize(new { keys });
    }

    /// <summary>Signs a token; every claim and header can be bent to test one failure at a time.</summary>
    public string Sign(TokenSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var key = spec.SigningKey ?? _keys[spec.KeyId];
        var claims = new Dictionary<string, object>();
        if (spec.ServiceUrl is not null)
        {
            claims["serviceurl"] = spec.ServiceUrl;
        }

        foreach (var (name, value) in spec.ExtraClaims)
        {
            claims[name] = value;
        }

        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            IssuedAt = now + spec.NotBeforeOffset,
            NotBefore = now + spec.NotBeforeOffset,
            Expires = now + spec.ExpiresOffset,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = spec.KeyId }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        ForeignKey.Dispose();
    }
}

/// <summary>The shape of one test token. Defaults describe a valid channel token.</summary>
public sealed record TokenSpec(string Audience, string? ServiceUrl)
{
    public string Issuer { get; init; } = BotFrameworkTokenIssuer.ChannelIssuer;
    public string KeyId { get; init; } = BotFrameworkTokenIssuer.EndorsedKeyId;
    public RSA? SigningKey { get; init; }
    public TimeSpan NotBeforeOffset { get; init; } = TimeSpan.FromMinutes(-1);
    public TimeSpan ExpiresOffset { get; init; } = TimeSpan.FromMinutes(30);
    public IReadOnlyDictionary<string, object> ExtraClaims { get; init; } = new Dictionary<string, object>();
}
