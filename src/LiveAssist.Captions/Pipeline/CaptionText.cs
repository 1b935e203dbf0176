using System.Text;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// What a caption may contain. Text from the host console, a recognizer or a translator is cleaned once, where it
/// enters: noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the plane-end pairs), lone surrogates and control
/// characters other than tab and newline are dropped. They mean nothing to a reader, and U+FFFE/U+FFFF cannot be
/// written to SSML or XML at all, so one of them used to break a session's presenter timeline.
/// </summary>
public static class CaptionText
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
}
