using System.Text;
using System.Text.RegularExpressions;

namespace LiveAssist.Review.Rules;

/// <summary>
/// One rule's patterns in one language, compiled once when the pack loads: the terms and regexes as a single
/// alternation, and the exceptions as another. A match that an exception overlaps does not count ("最新款" is a time
/// word, not the superlative "最"). Matching walks <see cref="Regex.EnumerateMatches(ReadOnlySpan{char})"/>: no
/// <see cref="Match"/> objects per line.
/// </summary>
public sealed class PatternSet
{
    // Operators' regexes run on every line: a pathological one gives up instead of stalling captions. The first match
    // of a compiled regex also JITs it, which on a busy machine can take longer than a match ever should: that is done
    // once when the pack loads (see the constructor), never on a host's line.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private readonly Regex _match;
    private readonly Regex? _except;

    private PatternSet(Regex match, Regex? except)
    {
        _match = match;
        _except = except;
        Warm(match);
        Warm(except);
    }

    // Runs the matcher once so its JIT happens here; a timeout on this fixed text still leaves it compiled.
    private static void Warm(Regex? regex)
    {
        if (regex is null)
        {
            return;
        }

        try
        {
            _ = regex.IsMatch("预热 warm-up 最好的第一 Made in USA，100%。");
        }
        catch (RegexMatchTimeoutException)
        {
        }
    }

    /// <summary>Null when there is nothing to match.</summary>
    public static PatternSet? Create(IReadOnlyList<string> terms, IReadOnlyList<string> regexes, IReadOnlyList<string> exceptTerms, IReadOnlyList<string> exceptRegexes)
    {
        var match = Alternation(terms, regexes);
        if (match is null)
        {
            return null;
        }

        var except = Alternation(exceptTerms, exceptRegexes);
        return new PatternSet(new Regex(match, Options, MatchTimeout), except is null ? null : new Regex(except, Options, MatchTimeout));
    }

    /// <summary>Checks that one operator regex compiles and cannot match nothing (which would fire on every line).</summary>
    public static string? Problem(string regex)
    {
        try
        {
            var compiled = new Regex(regex, RegexOptions.CultureInvariant, MatchTimeout);
            return compiled.IsMatch(string.Empty) ? "正则表达式能匹配空字符串，会命中每一句（the regex matches the empty string）" : null;
        }
        catch (ArgumentException e)
        {
            return "正则表达式无法编译（the regex does not compile）：" + e.Message;
        }
    }

    /// <summary>Calls <paramref name="found"/> for each match no exception overlaps, at most <paramref name="max"/> times.</summary>
    public int Find(string text, int max, Action<int, int> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        // A timeout is either a runaway operator regex or this thread losing the CPU on a busy machine: one more try
        // tells them apart, so a line is not let through unchecked because the host was briefly loaded.
        var matches = Matches(text, max) ?? Matches(text, max) ?? [];
        foreach (var (index, length) in matches)
        {
            found(index, length);
        }

        return matches.Count;
    }

    private List<(int Index, int Length)>? Matches(string text, int max)
    {
        var matches = new List<(int, int)>();
        try
        {
            foreach (var m in _match.EnumerateMatches(text))
            {
                if (m.Length == 0 || Excepted(text, m.Index, m.Length))
                {
                    continue;
                }

                matches.Add((m.Index, m.Length));
                if (matches.Count >= max)
                {
                    break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        return matches;
    }

    private bool Excepted(string text, int start, int length)
    {
        if (_except is null)
        {
            return false;
        }

        foreach (var e in _except.EnumerateMatches(text))
        {
            if (e.Index < start + length && start < e.Index + e.Length)
            {
                return true;
            }
        }

        return false;
    }

    // Terms are literal; a term that begins or ends with a Latin letter or digit only matches whole words there
    // ("green" not in "evergreen"), while Chinese has no word spaces to stop at.
    private static string? Alternation(IReadOnlyList<string> terms, IReadOnlyList<string> regexes)
    {
        var parts = terms.Where(t => t.Length > 0).OrderByDescending(t => t.Length).Select(Term)
            .Concat(regexes.Where(r => r.Length > 0).Select(r => "(?:" + r + ")")).ToList();
        return parts.Count == 0 ? null : string.Join('|', parts);
    }

    private static string Term(string term)
    {
        var builder = new StringBuilder();
        if (char.IsAsciiLetterOrDigit(term[0]))
        {
            builder.Append("(?<![A-Za-z0-9])");
        }

        builder.AppendJoin("\\s+", term.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)); // "green product" also across two spaces
        if (char.IsAsciiLetterOrDigit(term[^1]))
        {
            builder.Append("(?![A-Za-z0-9])");
        }

        return builder.ToString();
    }
}
