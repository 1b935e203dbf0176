using System.Text.RegularExpressions;

namespace LiveAssist.Catalog.Client;

/// <summary>Catalog product ids ("YW-100234") as buyers type them and hosts say them.</summary>
public static partial class ProductIds
{
    /// <summary>The first product id in <paramref name="text"/>.</summary>
    public static Match Find(string text) => Pattern().Match(text);

    /// <summary>Every product id in <paramref name="text"/>, in order.</summary>
    public static MatchCollection FindAll(string text) => Pattern().Matches(text);

    // Not \b: in Chinese the id sits between characters ("有YW-100306的货吗") with no word break.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{2,3}-\d{3,}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
