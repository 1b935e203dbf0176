using System.Security.Cryptography;
using System.Text;

namespace LiveAssist.Catalog.Service;

/// <summary>The import key in use (configured or generated), compared in constant time.</summary>
public sealed class CatalogApiKey(string value)
{
    public string Value { get; } = value;

    public bool Matches(string? candidate)
        => candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(Value));
}
