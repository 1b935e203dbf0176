using System.Text.RegularExpressions;

namespace LiveAssist.Dialogs.Content;

public enum ContentKind
{
    None,
    Flow,
    Locale,

    /// <summary>A compliance rule pack in <c>review/</c>, read by whichever capability registered an <see cref="IContentPackReader"/> for it.</summary>
    Review,
}

/// <summary>
/// The only file names operators can read or write: <c>dialogs/&lt;name&gt;.json</c>,
/// <c>locales/&lt;lang&gt;/&lt;name&gt;.json</c> and <c>review/&lt;name&gt;.json</c>, lower-case names with dashes. Anything else
/// (<c>..</c>, absolute paths, other folders, encoded separators) is refused before it touches the disk.
/// </summary>
public static partial class ContentPath
{
    [GeneratedRegex(@"^dialogs/[a-z0-9][a-z0-9-]{0,63}\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex FlowPattern();

    [GeneratedRegex(@"^review/[a-z0-9][a-z0-9-]{0,63}\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex ReviewPattern();

    [GeneratedRegex(@"^locales/[a-z]{2,3}(-[A-Za-z0-9]{2,8})?/[a-z0-9][a-z0-9-]{0,63}\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalePattern();

    public static ContentKind KindOf(string? path)
    {
        if (path is null || path.EndsWith(".schema.json", StringComparison.Ordinal))
        {
            return ContentKind.None;
        }

        return FlowPattern().IsMatch(path) ? ContentKind.Flow
            : LocalePattern().IsMatch(path) ? ContentKind.Locale
            : ReviewPattern().IsMatch(path) ? ContentKind.Review
            : ContentKind.None;
    }

    public static bool IsValid(string? path) => KindOf(path) != ContentKind.None;

    /// <summary>"locales/es/bot.json" → "es".</summary>
    public static string LanguageOf(string path) => path.Split('/')[1];
}
