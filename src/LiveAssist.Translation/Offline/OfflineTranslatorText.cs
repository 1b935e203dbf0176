using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveAssist.Translation.Offline;

/// <summary>Putting dictionary words back together as a readable line.</summary>
internal static partial class OfflineTranslatorText
{
    public static string Join(List<string> words, string language)
    {
        var joined = string.Join(' ', words.Where(w => w.Length > 0));
        return Capitalize(Tidy(joined, language));
    }

    /// <summary>One space between words, none before closing punctuation (French keeps its space before ? and !).</summary>
    public static string Tidy(string text, string language)
    {
        var tidy = Spaces().Replace(text, " ").Trim();
        tidy = SpaceBeforePunctuation().Replace(tidy, "$1").Replace("( ", "(", StringComparison.Ordinal);
        if (language != "fr")
        {
            tidy = tidy.Replace(" ?", "?", StringComparison.Ordinal).Replace(" !", "!", StringComparison.Ordinal);
        }

        return tidy;
    }

    public static string Capitalize(string text)
        => text.Length > 0 ? char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..] : text;

    /// <summary>A sentence that ended with a full stop or question mark keeps one, in the target's script.</summary>
    public static string KeepEnding(string source, string translated, string target)
    {
        var trimmed = source.TrimEnd();
        if (translated.Length == 0 || trimmed.Length == 0 || char.IsPunctuation(translated[^1]) || trimmed[^1] is not ('。' or '.' or '！' or '!' or '？' or '?'))
        {
            return translated;
        }

        return translated + (trimmed[^1], target) switch
        {
            ('。' or '.', "zh") => "。",
            ('。' or '.', _) => ".",
            ('！' or '!', _) => "!",
            (_, "ar") => "؟",
            (_, "zh") => "？",
            _ => "?",
        };
    }

    [GeneratedRegex(@"\s+([,.!;:%)])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();
}
