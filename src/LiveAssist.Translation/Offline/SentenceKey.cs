using System.Text;

namespace LiveAssist.Translation.Offline;

/// <summary>
/// The form two sentences share when they say the same thing for a translation memory: lowercased,
/// full-width characters made half-width, punctuation and spaces dropped.
/// </summary>
internal static class SentenceKey
{
    public static string Of(string text)
    {
        var key = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw; // full-width ASCII → ASCII
            if (char.IsLetterOrDigit(c) || c is '%' or '/')
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }

    /// <summary>Sentences with their closing punctuation, so each can be looked up and the text rebuilt.</summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        var sentences = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            current.Append(text[i]);
            var ends = text[i] is '。' or '！' or '？' or '!' or '?' or '；' or ';' or '\n'
                || (text[i] == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (ends)
            {
                Flush();
            }
        }

        Flush();
        return sentences;

        void Flush()
        {
            if (current.ToString().Trim() is { Length: > 0 } sentence)
            {
                sentences.Add(sentence);
            }

            current.Clear();
        }
    }
}
