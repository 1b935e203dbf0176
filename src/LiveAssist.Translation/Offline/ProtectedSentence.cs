using System.Text;
using System.Text.RegularExpressions;
using LiveAssist.Translation.Figures;

namespace LiveAssist.Translation.Offline;

/// <summary>
/// A source sentence with glossary terms, product words, Latin words (FOB, CE, PP) and figures
/// swapped for private-use placeholders, so every engine step leaves them alone and they come out
/// exactly as given, rendered per language. Split into clauses for the phrasebook.
/// </summary>
internal sealed partial class ProtectedSentence
{
    public const char TermMark = '\uE000';
    public const char FigureMark = '\uE400';
    private const double FuzzyThreshold = 0.75;

    // Latin words the phrasebook's patterns spell out themselves; any other Latin word is a slot kept as written.
    // Units and currencies stay with their figure ("30 cm", "5 USD").
    private static readonly HashSet<string> PatternLatin = new(StringComparer.OrdinalIgnoreCase)
    {
        "logo", "oem", "odm", "moq", "ok", "vip", "cm", "mm", "kg", "g", "ml", "l", "m", "usd", "rmb", "yuan", "dollar", "dollars", "pcs", "k",
    };

    private readonly Lazy<List<(SessionTerm Line, bool Exact, double Score)>> _scriptCandidates;

    public ProtectedSentence(string text, SessionTerms session, LivestreamPhrasebook? phrasebook, string spokenCurrency = "CNY")
    {
        Text = text;
        _scriptCandidates = new(() => RankScript(text, session, spokenCurrency));
        var builder = new StringBuilder(text);
        var sessionTerms = session.Glossary.Where(t => t.Source.Length > 0).OrderByDescending(t => t.Source.Length).ToList();
        var words = phrasebook is null ? [] : phrasebook.Words.Where(w => !sessionTerms.Any(t => t.Source == w.Key))
            .Select(w => new SessionTerm(w.Key, w.Value)).OrderByDescending(t => t.Source.Length).ToList();
        foreach (var term in sessionTerms.Concat(words))
        {
            var at = IndexOfUnprotected(builder.ToString(), term.Source, 0);
            while (at >= 0 && Terms.Count < 0x3FF)
            {
                builder.Remove(at, term.Source.Length).Insert(at, $" {(char)(TermMark + Terms.Count)} ");
                Terms.Add(term);
                at = IndexOfUnprotected(builder.ToString(), term.Source, at + 1);
            }
        }

        if (phrasebook is not null)
        {
            // Latin words (FOB, CE, PP, a model number) stay as written in every language.
            var current = builder.ToString();
            foreach (Match latin in LatinWord().Matches(current).Reverse())
            {
                if (!PatternLatin.Contains(latin.Value) && Terms.Count < 0x3FF)
                {
                    // No spaces around it: it sits in Latin text already ("<script>", "FOB宁波" glosses as one run).
                    builder.Remove(latin.Index, latin.Length).Insert(latin.Index, (char)(TermMark + Terms.Count));
                    Terms.Add(new SessionTerm(latin.Value, null) { IsLatin = true });
                }
            }
        }

        var withTerms = builder.ToString();
        Figures = FigureReader.Read(withTerms, spokenCurrency);
        foreach (var (figure, index) in Figures.Select((f, i) => (f, i)).Reverse())
        {
            builder.Remove(figure.Start, figure.Length).Insert(figure.Start, $" {(char)(FigureMark + index)} ");
        }

        Protected = builder.ToString();
    }

    public string Text { get; }

    public string Protected { get; }

    public IReadOnlyList<Figure> Figures { get; }

    public List<SessionTerm> Terms { get; } = [];

    /// <summary>Script lines that say this sentence (exact) or nearly (fuzzy), best first; worked out once for all languages.</summary>
    public List<(SessionTerm Line, bool Exact, double Score)> ScriptCandidates => _scriptCandidates.Value;

    /// <summary>The clauses of <see cref="Protected"/>, each with the punctuation that closed it.</summary>
    public IReadOnlyList<(string Text, string Delimiter)> Clauses()
    {
        var clauses = new List<(string, string)>();
        var start = 0;
        var text = Protected;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '，' or ',' or '。' or '！' or '!' or '？' or '?' or '；' or ';' or '：' or ':' or '…' or '~' or '～' or '\n'
                || (text[i] == ' ' && i > 0 && i + 1 < text.Length && IsHan(text[i - 1]) && IsHan(text[i + 1])))
            {
                var j = i;
                while (j + 1 < text.Length && text[j + 1] is '，' or ',' or '。' or '！' or '!' or '？' or '?' or '…' or '~' or '～')
                {
                    j++;
                }

                clauses.Add((text[start..i], text[i..(j + 1)]));
                start = j + 1;
                i = j;
            }
        }

        if (start < text.Length)
        {
            clauses.Add((text[start..], string.Empty));
        }

        return [.. clauses.Where(c => c.Item1.Trim().Length > 0 || c.Item2.Length > 0)];
    }

    /// <summary>
    /// A clause with its placeholders as the phrasebook's slot characters, and the placeholders each slot
    /// holds: a list of terms ("红色、蓝色和黑色") or a price with its "each" ("一块八一个") is one slot.
    /// </summary>
    public (string Slotted, List<List<char>> Slots) Slot(string clause)
    {
        var slotted = new StringBuilder(clause.Length);
        var slots = new List<List<char>>();
        var compact = clause.Replace(" ", string.Empty, StringComparison.Ordinal);
        for (var i = 0; i < compact.Length; i++)
        {
            var c = compact[i];
            if (IsTerm(c))
            {
                var list = new List<char> { c };
                // "A、B和C", "A/B", "A B": one list.
                while (true)
                {
                    var next = i + 1;
                    if (next < compact.Length && compact[next] is '、' or '和' or '与' or '及' or '跟' or '/' or '或' && next + 1 < compact.Length && IsTerm(compact[next + 1]))
                    {
                        next++;
                    }

                    if (next < compact.Length && IsTerm(compact[next]))
                    {
                        list.Add(compact[next]);
                        i = next;
                    }
                    else
                    {
                        break;
                    }
                }

                slots.Add(list);
                slotted.Append(LivestreamPhrasebook.Term);
            }
            else if (IsFigure(c))
            {
                var figure = Figures[c - FigureMark];
                if (figure.Kind == FigureKind.PerUnit && slots.Count > 0 && slotted.Length > 0 && slotted[^1] == LivestreamPhrasebook.Figure)
                {
                    slots[^1].Add(c); // "1.85 yuan each" is one figure
                    continue;
                }

                slots.Add([c]);
                slotted.Append(LivestreamPhrasebook.Figure);
            }
            else
            {
                slotted.Append(c);
            }
        }

        return (slotted.ToString(), slots);
    }

    public bool IsTerm(char c) => c >= TermMark && c < TermMark + Terms.Count;

    public bool IsFigure(char c) => c >= FigureMark && c < FigureMark + Figures.Count;

    /// <summary>A placeholder in the target language: the merchant's term, a shipped word, a rendered figure.</summary>
    public string Render(char mark, string language, out bool keptChinese)
    {
        keptChinese = false;
        if (IsTerm(mark))
        {
            var term = Terms[mark - TermMark];
            if (term.Translations is not null && term.Translations.TryGetValue(language, out var given))
            {
                return given;
            }

            keptChinese = !term.IsLatin && term.Source.Any(IsHan);
            return term.Source;
        }

        return IsFigure(mark) ? UnitWords.Render(Figures[mark - FigureMark], language) : mark.ToString();
    }

    /// <summary>Placeholders back to text in <paramref name="language"/>.</summary>
    public string Restore(string translated, string language, out bool keptChinese)
    {
        keptChinese = false;
        var builder = new StringBuilder(translated.Length + 32);
        foreach (var c in translated)
        {
            if (IsTerm(c) || IsFigure(c))
            {
                builder.Append(Render(c, language, out var kept));
                keptChinese |= kept;
            }
            else
            {
                builder.Append(c);
            }
        }

        return OfflineTranslatorText.Tidy(builder.ToString(), language);
    }

    /// <summary>What a buyer can be shown of a clause no vetted text covers: its terms and figures, exactly as the merchant gave them.</summary>
    public string SafeForm(string clause, string language, out bool keptChinese)
    {
        keptChinese = false;
        var parts = new List<string>();
        foreach (var c in clause)
        {
            if (IsFigure(c) && Figures[c - FigureMark].Kind != FigureKind.PerUnit || IsTerm(c))
            {
                parts.Add(Render(c, language, out var kept));
                keptChinese |= kept;
            }
            else if (IsFigure(c))
            {
                parts[^1] += " " + Render(c, language, out _);
            }
        }

        return string.Join(" · ", parts.Distinct());
    }

    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static int IndexOfUnprotected(string text, string term, int from)
        => from >= text.Length ? -1 : text.IndexOf(term, from, StringComparison.OrdinalIgnoreCase);

    private static List<(SessionTerm Line, bool Exact, double Score)> RankScript(string text, SessionTerms session, string spokenCurrency)
    {
        var key = SentenceKey.Of(text);
        var withoutFigures = FiguresOut(text, spokenCurrency);
        var candidates = new List<(SessionTerm Line, bool Exact, double Score)>();
        foreach (var line in session.Script.Where(l => l.Translations is { Count: > 0 } && SentenceKey.Sentences(l.Source).Count == 1))
        {
            if (SentenceKey.Of(line.Source) == key)
            {
                candidates.Add((line, true, 1));
            }
            else if (Similarity.Dice(FiguresOut(line.Source, spokenCurrency), withoutFigures) is var score and >= FuzzyThreshold
                && Negations(line.Source) == Negations(text))
            {
                // "包邮" and "不包邮" are alike as strings and opposite in meaning: never a fuzzy match.
                candidates.Add((line, false, score));
            }
        }

        return [.. candidates.OrderByDescending(c => c.Exact).ThenByDescending(c => c.Score)];
    }

    private static int Negations(string text) => text.Count(c => c is '不' or '没' or '别' or '无' or '非' or '未');

    private static string FiguresOut(string text, string spokenCurrency)
    {
        var figures = FigureReader.Read(text, spokenCurrency);
        var builder = new StringBuilder(text);
        foreach (var figure in figures.OrderByDescending(f => f.Start))
        {
            builder.Remove(figure.Start, figure.Length).Insert(figure.Start, "#");
        }

        return SentenceKey.Of(builder.ToString()) + "#";
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9\-+&.]*(?<![.\-])", RegexOptions.CultureInvariant)]
    private static partial Regex LatinWord();
}
