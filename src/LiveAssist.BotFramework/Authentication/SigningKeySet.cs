using System.Collections;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LiveAssist.BotFramework.Authentication;

/// <summary>
/// The signing keys of one OpenID configuration by key id, with the Bot Framework's per-key channel endorsements
/// (the JWKS's <c>endorsements</c> arrays, which the standard <see cref="JsonWebKey"/> keeps only as additional data).
/// </summary>
internal sealed record SigningKeySet(IReadOnlyDictionary<string, SecurityKey> Keys, IReadOnlyDictionary<string, HashSet<string>> Endorsements)
{
    private const string EndorsementsProperty = "endorsements";

    public (SecurityKey? Key, HashSet<string>? Endorsements) Find(string keyId)
        => Keys.TryGetValue(keyId, out var key) ? (key, Endorsements.GetValueOrDefault(keyId)) : (null, null);

    public static SigningKeySet From(OpenIdConnectConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var key in configuration.SigningKeys)
        {
            if (key.KeyId is { } kid)
            {
                keys[kid] = key;
            }
        }

        var endorsements = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var jwk in configuration.JsonWebKeySet?.Keys ?? [])
        {
            if (jwk.Kid is { } kid && jwk.AdditionalData.TryGetValue(EndorsementsProperty, out var value) && ChannelIds(value) is { } channels)
            {
                endorsements[kid] = channels;
            }
        }

        return new SigningKeySet(keys, endorsements);
    }

    // The JWKS reader keeps an unknown property as the JSON it read; a list of strings is taken too, whoever built the key.
    private static HashSet<string>? ChannelIds(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } array
            => new HashSet<string>(array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!), StringComparer.Ordinal),
        IEnumerable list and not string => new HashSet<string>(list.OfType<string>(), StringComparer.Ordinal),
        _ => null,
    };
}
