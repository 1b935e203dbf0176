using LiveAssist.Catalog.Client;

namespace LiveAssist.Catalog.Service.Search;

/// <summary>Builds what the full-text index stores for a product, and what a buyer's query looks for.</summary>
internal sealed class SearchTerms(SearchLexicon lexicon, CategoryTree categories)
{
    // Words that say nothing about which product is meant, in the languages buyers write.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "for", "of", "and", "or", "do", "you", "have", "how", "much", "is", "are", "with", "to", "in", "this", "that", "price", "pcs", "pieces",
        "el", "la", "los", "las", "de", "del", "y", "o", "para", "por", "con", "en", "un", "una", "tienen", "precio", "cuánto", "cuanto",
        "o", "os", "as", "do", "da", "e", "um", "uma", "vocês", "tem", "preço", "quanto",
        "le", "les", "des", "du", "et", "pour", "avec", "vous", "avez", "prix", "combien",
        "и", "в", "на", "для", "с", "есть", "цена", "сколько",
        "في", "من", "على", "هل", "لديكم", "سعر", "كم",
    };

    /// <summary>Title terms (weighted higher) and the rest, each as one space-separated string.</summary>
    public (string Title, string Body) ForProduct(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var title = new HashSet<string>(StringComparer.Ordinal);
        AddText(title, product.Title?.Values);
        // Only the id's number: its shop prefix ("yw") is shared by every product and would match them all.
        if (product.Id?.Split('-').LastOrDefault() is { Length: > 0 } number)
        {
            title.Add(number.ToLowerInvariant());
        }

        var body = new HashSet<string>(StringComparer.Ordinal);
        AddText(body, product.Description?.Values);
        foreach (var attribute in product.Attributes ?? [])
        {
            AddText(body, attribute.Value?.Values);
        }

        AddText(body, product.Shop?.Name?.Values);
        // Category names in every language, so "juguetes" or "ألعاب" finds toys.
        if (product.Category is { } category)
        {
            AddText(body, category.Split('/', '-'));
            AddText(body, categories.NamesInAllLanguages(category));
        }

        return (string.Join(' ', title), string.Join(' ', body));
    }

    /// <summary>
    /// The FTS5 query for a buyer's words in any supported language: known phrases become their
    /// English catalog words, the rest is searched as written. Null when nothing is searchable.
    /// </summary>
    public string? ForQuery(string? query)
    {
        var tokens = TextTokens.Split(query).ToList();
        var terms = new List<string>();
        for (var i = 0; i < tokens.Count;)
        {
            var matched = false;
            for (var length = Math.Min(lexicon.LongestPhrase, tokens.Count - i); length > 0 && !matched; length--)
            {
                var phrase = string.Join(' ', tokens.Skip(i).Take(length));
                var english = lexicon.ToEnglish(phrase) ?? lexicon.ToEnglish(TextTokens.StemPhrase(phrase));
                if (english is not null)
                {
                    terms.AddRange(english.Split(' ').Select(TextTokens.Stem));
                    i += length;
                    matched = true;
                }
            }

            if (!matched)
            {
                var token = tokens[i++];
                if (!StopWords.Contains(token) && (token.Length > 1 || TextTokens.IsHan(token[0])))
                {
                    terms.Add(TextTokens.Stem(token));
                }
            }
        }

        var distinct = terms.Distinct(StringComparer.Ordinal).Select(Quote).ToList();
        return distinct.Count == 0 ? null : string.Join(" OR ", distinct);
    }

    // FTS5 string literal: the term is data, never query syntax.
    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void AddText(HashSet<string> terms, IEnumerable<string?>? texts)
    {
        foreach (var text in texts ?? [])
        {
            foreach (var token in TextTokens.Split(text))
            {
                terms.Add(TextTokens.Stem(token));
            }
        }
    }
}
