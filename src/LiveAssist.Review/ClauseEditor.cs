using System.Text;

namespace LiveAssist.Review;

/// <summary>
/// What is captioned of a line with block findings: each finding's clause (between Chinese or Latin punctuation) is
/// dropped, or only its words are replaced when the rule gives a replacement. Figures and the other clauses stay.
/// </summary>
public static class ClauseEditor
{
    private const string Breaks = "，,。.！!？?；;\n";

    public static string Carry(string text, IEnumerable<(FindingSpan Span, string? Replacement)> blocks)
    {
        ArgumentNullException.ThrowIfNull(text);
        var drop = new bool[text.Length];
        var replaceAt = new SortedDictionary<int, (int Length, string With)>();
        foreach (var (span, replacement) in blocks)
        {
            if (span.Start < 0 || span.Start + span.Length > text.Length)
            {
                continue;
            }

            if (replacement is not null)
            {
                replaceAt.TryAdd(span.Start, (span.Length, replacement));
                continue;
            }

            var (from, to) = Clause(text, span.Start, span.Start + span.Length);
            for (var i = from; i < to; i++)
            {
                drop[i] = true;
            }
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (drop[i])
            {
                continue;
            }

            if (replaceAt.TryGetValue(i, out var r) && !drop.AsSpan(i, r.Length).Contains(true))
            {
                builder.Append(r.With);
                i += r.Length - 1;
                continue;
            }

            builder.Append(text[i]);
        }

        var carried = builder.ToString().Trim();
        // Nothing but punctuation left: nothing is said.
        return carried.All(c => Breaks.Contains(c) || char.IsWhiteSpace(c)) ? string.Empty : carried;
    }

    // The clause with the punctuation that ends it, so "A，B。" without A is "B。".
    private static (int From, int To) Clause(string text, int start, int end)
    {
        var from = start;
        while (from > 0 && !Breaks.Contains(text[from - 1]))
        {
            from--;
        }

        var to = end;
        while (to < text.Length && !Breaks.Contains(text[to]))
        {
            to++;
        }

        // A clause with more after it takes its own break ("A，B。" without A is "B。"); the last clause takes the
        // break before it instead, so the line keeps its final stop ("A，B。" without B is "A。").
        if (to + 1 < text.Length)
        {
            to++;
        }
        else if (from > 0)
        {
            from--;
        }
        else
        {
            to = text.Length;
        }

        return (from, to);
    }
}
