using System.Text;
using System.Text.RegularExpressions;
using LiveAssist.Translation;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// What a caption may contain, checked where text enters and again before it goes on air.
/// Where it enters (<see cref="Clean(string)"/>): noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the plane-end
/// pairs), lone surrogates and control characters other than tab and newline are dropped; they mean nothing to a
/// reader, and U+FFFE/U+FFFF cannot be written to SSML or XML at all. Before air (<see cref="Clean(string, string, IReadOnlyList{string})"/>):
/// no dictionary markup ("上聲|上声[shang3 sheng1]", pinyin in brackets) in any caption, and no Chinese characters
/// in a caption for readers of another script, except a glossary term the merchant gave only in Chinese.
/// </summary>
public static partial class CaptionText
{
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsClean(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in Runes(text))
        {
            if (Allowed(rune))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    private static bool IsClean(string text)
    {
        foreach (var rune in Runes(text))
        {
            if (!Allowed(rune))
            {
                return false;
            }
        }

        return true;
    }

    // Lone surrogates come back as U+FFFD from EnumerateRunes; they are dropped like other noise.
    private static IEnumerable<Rune> Runes(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                yield return new Rune(0xFFFF); // invalid: never allowed
                i += Math.Max(1, used);
                continue;
            }

            yield return rune;
            i += used;
        }
    }

    private static bool Allowed(Rune rune)
    {
        var value = rune.Value;
        if (value < 0x20)
        {
            return value is '\t' or '\n' or '\r';
        }

        return value is not (>= 0x7F and <= 0x9F) and not (>= 0xFDD0 and <= 0xFDEF) && (value & 0xFFFE) != 0xFFFE;
    }

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
