using System.Security.Cryptography;
using System.Text;

namespace LiveAssist.Sessions;

/// <summary>Host keys: random, shown once, stored only as a hash, checked in constant time.</summary>
public static class HostKeys
{
    public const string Header = "X-Host-Key";

    public static string Create() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(LiveSession session, string? key)
    {
        ArgumentNullException.ThrowIfNull(session);
        return !string.IsNullOrEmpty(key) && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(session.HostKeyHash));
    }
}
