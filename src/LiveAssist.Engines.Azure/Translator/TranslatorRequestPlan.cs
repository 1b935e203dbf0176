using System.Security;
using LiveAssist.Translation;

namespace LiveAssist.Engines.Azure.Translator;

/// <summary>
/// How one caption becomes Translator requests. Languages whose glossary renderings agree share one
/// request (usually all of them); glossary terms go in as dynamic-dictionary markup; text longer
/// than the per-request budget (characters × targets) is cut at sentence or clause ends into pieces
/// that are batched into as few requests as the limits allow.
/// </summary>
public sealed record TranslatorRequestPlan(IReadOnlyList<TranslatorBatch> Batches)
{
    private static readonly char[] SentenceEnds = ['。', '！', '？', '.', '!', '?', '；', ';', '\n'];
    private static readonly char[] ClauseEnds = ['，', '、', ',', '：', ':', ' '];

    public static TranslatorRequestPlan Create(CaptionTranslationRequest request, int maxRequestChars, int maxElements)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batches = new List<TranslatorBatch>();
        foreach (var group in request.To.GroupBy(language => GlossaryChoice(request, language)))
        {
            var targets = group.ToList();
            var budget = Math.Max(1, maxRequestChars / targets.Count);
            // Markup counts too: cut smaller until every marked-up piece fits the budget.
            List<string> pieces;
            var limit = budget;
            do
            {
                pieces = [.. Split(request.Text, limit).Select(piece => Mark(piece, request.Session.Glossary, targets[0]))];
                limit = limit * 3 / 4;
            }
            while (limit > 0 && pieces.Any(p => p.Length > budget));
            var batch = new List<string>();
            var size = 0;
            foreach (var piece in pieces)
            {
                if (batch.Count > 0 && (size + piece.Length > budget || batch.Count >= maxElements))
                {
                    batches.Add(new TranslatorBatch(targets, batch));
                    batch = [];
                    size = 0;
                }

                batch.Add(piece);
                size += piece.Length;
            }

            if (batch.Count > 0)
            {
                batches.Add(new TranslatorBatch(targets, batch));
            }
        }

        return new TranslatorRequestPlan(batches);
    }

    /// <summary>Text cut into pieces of at most <paramref name="limit"/> characters, preferably after a sentence, then a clause.</summary>
    public static List<string> Split(string text, int limit)
    {
        var pieces = new List<string>();
        var rest = text;
        while (rest.Length > limit)
        {
            var window = rest[..limit];
            var cut = window.LastIndexOfAny(SentenceEnds);
            if (cut < limit / 3)
            {
                cut = window.LastIndexOfAny(ClauseEnds);
            }

            var length = cut >= limit / 3 ? cut + 1 : limit;
            if (char.IsHighSurrogate(rest[length - 1]))
            {
                length--; // never split a character
            }

            pieces.Add(rest[..length]);
            rest = rest[length..];
        }

        if (rest.Length > 0)
        {
            pieces.Add(rest);
        }

        return pieces;
    }

    private static string GlossaryChoice(CaptionTranslationRequest request, string language)
        => string.Join('\u0001', request.Session.Glossary
            .Where(term => term.Source.Length > 0 && request.Text.Contains(term.Source, StringComparison.Ordinal))
            .Select(term => Rendering(term, language)));

    private static string Rendering(SessionTerm term, string language)
        => term.Translations is not null && term.Translations.TryGetValue(language, out var given) && !string.IsNullOrWhiteSpace(given) ? given : term.Source;

    /// <summary>Glossary terms wrapped as <c>&lt;mstrans:dictionary translation="…"&gt;term&lt;/mstrans:dictionary&gt;</c>, longest first so a short term inside a long one is left alone.</summary>
    private static string Mark(string piece, IReadOnlyList<SessionTerm> glossary, string language)
    {
        var terms = glossary.Where(t => t.Source.Length > 0 && piece.Contains(t.Source, StringComparison.Ordinal)).OrderByDescending(t => t.Source.Length).ToList();
        if (terms.Count == 0)
        {
            return piece;
        }

        var marked = new System.Text.StringBuilder();
        var index = 0;
        while (index < piece.Length)
        {
            var term = terms.FirstOrDefault(t => string.CompareOrdinal(piece, index, t.Source, 0, t.Source.Length) == 0);
            if (term is null)
            {
                marked.Append(piece[index++]);
                continue;
            }

            marked.Append("<mstrans:dictionary translation=\"").Append(SecurityElement.Escape(Rendering(term, language))).Append("\">")
                .Append(term.Source).Append("</mstrans:dictionary>");
            index += term.Source.Length;
        }

        return marked.ToString();
    }
}

/// <summary>One Translator request: the target languages and the text pieces (in order).</summary>
public sealed record TranslatorBatch(IReadOnlyList<string> Targets, IReadOnlyList<string> Pieces)
{
    /// <summary>What the service bills: characters × targets.</summary>
    public long BilledCharacters => Pieces.Sum(p => (long)p.Length) * Targets.Count;
}
