using System.Text.RegularExpressions;
using LiveAssist.Translation;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// The last check before a line goes on air: no dictionary markup ("上聲|上声[shang3 sheng1]", pinyin in
/// brackets) in any caption, and no Chinese characters in a caption for readers of another script, except
/// a glossary term the merchant gave only in Chinese (the line is flagged <c>kept-as-written</c>).
/// </summary>
public static partial class CaptionText
{
    public const string DraftHiddenFlag = "draft-hidden";
    public const string WithheldFlag = "withheld";

    public static string Clean(string text, string language, IReadOnlyList<string> flags)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(flags);
        var clean = DictionaryMarkup().Replace(text, string.Empty);
        clean = PinyinBrackets().Replace(clean, string.Empty);
        if (language is not ("zh" or "ja") && !flags.Contains(TranslationFlags.KeptAsWritten))
        {
            clean = Han().Replace(clean, string.Empty);
        }

        return Spaces().Replace(clean, " ").Trim();
    }

    /// <summary>True when <paramref name="text"/> carries dictionary markup: a <c>|</c> joining two forms, or pinyin with tone numbers in brackets.</summary>
    public static bool HasMarkup(string text) => DictionaryMarkup().IsMatch(text ?? string.Empty) || PinyinBrackets().IsMatch(text ?? string.Empty);

    [GeneratedRegex(@"[^\s|]*\|[^\s|\[]*(?:\[[^\]]*\])?", RegexOptions.CultureInvariant)]
    private static partial Regex DictionaryMarkup();

    [GeneratedRegex(@"\[[A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*\]", RegexOptions.CultureInvariant)]
    private static partial Regex PinyinBrackets();

    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF]+", RegexOptions.CultureInvariant)]
    private static partial Regex Han();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
