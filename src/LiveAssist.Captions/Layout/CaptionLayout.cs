using System.Text;
using LiveAssist.Captions.Pipeline;

namespace LiveAssist.Captions.Layout;

/// <summary>
/// Turns a translated line into cues a viewer can read: lines filled up to the language's length,
/// broken after punctuation when the line is already well filled, two lines a cue, and each cue
/// on screen long enough for the language's reading speed (at least a second). A caption never
/// starts before the previous one of the same language has had its time.
/// </summary>
public static class CaptionLayout
{
    private const string BreakAfter = ",.;:!?，。；：！？、…";

    public static IReadOnlyList<CaptionCue> Layout(string text, string language, long startMs, long endMs, long notBeforeMs)
    {
        ArgumentNullException.ThrowIfNull(text);
        var layout = LanguageLayout.For(language);
        var lines = Lines(text.Trim(), layout);
        if (lines.Count == 0)
        {
            return [];
        }

        var cues = lines.Chunk(layout.MaxLines).Select(c => c.ToList()).ToList();
        var chars = cues.Select(c => c.Sum(l => l.Length)).ToList();
        var total = Math.Max(1, chars.Sum());
        var window = Math.Max(0, endMs - startMs);
        var at = Math.Max(startMs, notBeforeMs);
        var result = new List<CaptionCue>(cues.Count);
        for (var i = 0; i < cues.Count; i++)
        {
            var share = window * chars[i] / total;
            var readable = (long)Math.Ceiling(chars[i] / layout.MaxCharsPerSecond * 1000);
            var duration = Math.Max(Math.Max(share, readable), LanguageLayout.MinDurationMs);
            result.Add(new CaptionCue(at, at + duration, cues[i]));
            at += duration;
        }

        return result;
    }

    /// <summary>Text broken into lines no longer than the language allows.</summary>
    public static List<string> Lines(string text, LanguageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var lines = new List<string>();
        var line = new StringBuilder();
        var separator = layout.SplitsCharacters && !text.Contains(' ', StringComparison.Ordinal) ? string.Empty : " ";
        foreach (var token in Tokens(text, layout, separator.Length == 0))
        {
            foreach (var piece in Split(token, layout.MaxLineChars))
            {
                var needed = line.Length == 0 ? piece.Length : line.Length + separator.Length + piece.Length;
                if (line.Length > 0 && needed > layout.MaxLineChars)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                if (line.Length > 0)
                {
                    line.Append(separator);
                }

                line.Append(piece);

                // A comma or full stop is a natural place to break once the line is well filled.
                if (line.Length >= layout.MaxLineChars * 0.6 && BreakAfter.Contains(piece[^1], StringComparison.Ordinal))
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    // Words, or for Chinese and Japanese single characters with their punctuation attached.
    private static IEnumerable<string> Tokens(string text, LanguageLayout layout, bool characters)
    {
        if (!characters)
        {
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return word;
            }

            yield break;
        }

        var token = new StringBuilder();
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (token.Length > 0 && !(element.Length == 1 && (BreakAfter.Contains(element[0], StringComparison.Ordinal) || char.IsPunctuation(element[0])))
                && !(char.IsAsciiLetterOrDigit(element[0]) && char.IsAsciiLetterOrDigit(token[^1])))
            {
                yield return token.ToString();
                token.Clear();
            }

            token.Append(element);
        }

        if (token.Length > 0 && layout.MaxLineChars > 0)
        {
            yield return token.ToString();
        }
    }

    private static IEnumerable<string> Split(string token, int max)
    {
        for (var i = 0; i < token.Length; i += max)
        {
            yield return token.Substring(i, Math.Min(max, token.Length - i));
        }
    }
}
