using Microsoft.IdentityModel.Tokens;

namespace LiveAssist.BotFramework.Authentication;

/// <summary>The keys published at one OpenID metadata URL, with the Bot Framework's per-key channel endorsements.</summary>
internal sealed record SigningKeySet(
    IReadOnlyDictionary<string, SecurityKey> Keys,
    IReadOnlyDictionary<string, HashSet<string>> Endorsements,
    DateTimeOffset FetchedAt)
{
    public static readonly SigningKeySet Empty = new(
        new Dictionary<string, SecurityKey>(), new Dictionary<string, HashSet<string>>(), DateTimeOffset.MinValue);
}
