using System.Globalization;
using System.Text;

namespace LiveAssist.Dialogs.Locales;

/// <summary>
/// Fills a text template. Slots are <c>{name}</c>; a plural choice is
/// <c>{qty, plural, one {# piece} other {# pieces}}</c> (ICU message syntax: <c>=0</c> exact matches,
/// CLDR categories per language, <c>#</c> is the number formatted for the buyer's culture).
/// A slot with no value stays visible, so an operator's typo is noticed rather than hidden.
/// </summary>
public static class TextTemplate
{
    public static string Fill(string template, IReadOnlyDictionary<string, object?>? slots, string? language, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var result = new StringBuilder(template.Length + 32);
        Append(template, slots ?? new Dictionary<string, object?>(), language ?? "en", culture, null, result);
        return result.ToString();
    }

    /// <summary>Longest template an operator may publish, in characters: a chat line, not a document.</summary>
    public const int MaxTemplateChars = 4000;

    /// <summary>
    /// Deepest brace nesting (a plural inside a plural is 4: slot, option, slot, option). Each level copies
    /// and rescans its text, so deep nesting costs quadratic time and memory; real texts need 2.
    /// </summary>
    public const int MaxNesting = 4;

    /// <summary>Why a template is malformed (unbalanced braces, a plural without <c>other</c>, too long, nested too deep), or null.</summary>
    public static string? Problem(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Length > MaxTemplateChars)
        {
            return $"A text may have at most {MaxTemplateChars} characters (this one has {template.Length}).";
        }

        if (Depth(template) > MaxNesting)
        {
            return $"Braces are nested more than {MaxNesting} deep (a plural inside a plural is the most a text needs).";
        }

        try
        {
            foreach (var _ in Slots(template))
            {
            }

            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The slot names a template uses.</summary>
    public static IEnumerable<string> Slots(string template)
    {
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                if (template.IndexOf('}', i) >= 0)
                {
                    throw new FormatException($"'}}' at {template.IndexOf('}', i) + 1} has no matching '{{'.");
                }

                yield break;
            }

            var close = MatchingBrace(template, open);
            var (name, plural) = Split(template[(open + 1)..close]);
            yield return name;
            if (plural is not null)
            {
                foreach (var (_, text) in Options(plural))
                {
                    foreach (var inner in Slots(text))
                    {
                        yield return inner;
                    }
                }
            }

            i = close + 1;
        }
    }

    private static void Append(string template, IReadOnlyDictionary<string, object?> slots, string language, CultureInfo culture, string? hash, StringBuilder result)
    {
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var segmentEnd = open < 0 ? template.Length : open;
            AppendText(template, i, segmentEnd, hash, result);
            if (open < 0)
            {
                return;
            }

            int close;
            try
            {
                close = MatchingBrace(template, open);
            }
            catch (FormatException)
            {
                result.Append(template, open, template.Length - open);
                return;
            }

            var (name, plural) = Split(template[(open + 1)..close]);
            if (!slots.TryGetValue(name, out var value))
            {
                result.Append(template, open, close - open + 1);
            }
            else if (plural is null)
            {
                result.Append(Format(value, culture));
            }
            else
            {
                var number = AsDecimal(value);
                var chosen = Choose(plural, number, language);
                if (chosen is null)
                {
                    result.Append(Format(value, culture));
                }
                else
                {
                    Append(chosen, slots, language, culture, Format(value, culture), result);
                }
            }

            i = close + 1;
        }
    }

    private static void AppendText(string template, int start, int end, string? hash, StringBuilder result)
    {
        if (hash is null)
        {
            result.Append(template, start, end - start);
            return;
        }

        for (var k = start; k < end; k++)
        {
            if (template[k] == '#')
            {
                result.Append(hash);
            }
            else
            {
                result.Append(template[k]);
            }
        }
    }

    private static string? Choose(string plural, decimal? number, string language)
    {
        var options = Options(plural).ToList();
        if (number is { } n)
        {
            var exact = options.FirstOrDefault(o => o.Selector == "=" + n.ToString(CultureInfo.InvariantCulture));
            if (exact.Text is not null)
            {
                return exact.Text;
            }

            var category = PluralRules.Category(language, n);
            var match = options.FirstOrDefault(o => o.Selector == category);
            if (match.Text is not null)
            {
                return match.Text;
            }
        }

        return options.FirstOrDefault(o => o.Selector == "other").Text;
    }

    /// <summary>"qty" → (qty, null); "qty, plural, one {…} other {…}" → (qty, "one {…} other {…}").</summary>
    private static (string Name, string? Plural) Split(string inside)
    {
        var comma = inside.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return (inside.Trim(), null);
        }

        var name = inside[..comma].Trim();
        var rest = inside[(comma + 1)..].TrimStart();
        if (!rest.StartsWith("plural", StringComparison.Ordinal))
        {
            throw new FormatException($"'{{{name}, …}}': only 'plural' choices are supported.");
        }

        var options = rest["plural".Length..].TrimStart();
        if (!options.StartsWith(',') )
        {
            throw new FormatException($"'{{{name}, plural …}}' needs a comma before its options.");
        }

        var body = options[1..];
        if (!Options(body).Any(o => o.Selector == "other"))
        {
            throw new FormatException($"'{{{name}, plural …}}' needs an 'other {{…}}' option.");
        }

        return (name, body);
    }

    private static IEnumerable<(string Selector, string Text)> Options(string body)
    {
        var i = 0;
        while (true)
        {
            while (i < body.Length && char.IsWhiteSpace(body[i]))
            {
                i++;
            }

            if (i >= body.Length)
            {
                yield break;
            }

            var open = body.IndexOf('{', i);
            if (open < 0)
            {
                throw new FormatException($"Plural option '{body[i..].Trim()}' has no '{{text}}'.");
            }

            var selector = body[i..open].Trim();
            if (selector.Length == 0 || selector.Any(char.IsWhiteSpace))
            {
                throw new FormatException($"Plural option selector '{selector}' is not one word (one, few, many, other, =0…).");
            }

            var close = MatchingBrace(body, open);
            yield return (selector, body[(open + 1)..close]);
            i = close + 1;
        }
    }

    private static int Depth(string text)
    {
        int depth = 0, deepest = 0;
        foreach (var c in text)
        {
            if (c == '{')
            {
                deepest = Math.Max(deepest, ++depth);
            }
            else if (c == '}')
            {
                depth--;
            }
        }

        return deepest;
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var k = open; k < text.Length; k++)
        {
            if (text[k] == '{')
            {
                depth++;
            }
            else if (text[k] == '}' && --depth == 0)
            {
                return k;
            }
        }

        throw new FormatException($"'{{' at {open + 1} is never closed.");
    }

    private static decimal? AsDecimal(object? value) => value switch
    {
        int i => i,
        long l => l,
        decimal d => d,
        double d when double.IsFinite(d) => (decimal)d,
        float f when float.IsFinite(f) => (decimal)f,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    // Numbers read the way the buyer writes them: 3,000 in en, 3.000 in es/de, up to two decimals.
    private static string? Format(object? value, CultureInfo culture) => value switch
    {
        int or long or decimal or double or float or short => ((IFormattable)value).ToString("#,0.##", culture),
        IFormattable formattable => formattable.ToString(null, culture),
        _ => value?.ToString(),
    };
}
