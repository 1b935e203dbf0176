using LiveAssist.Catalog.Client;

namespace LiveAssist.Catalog.Service.Search;

/// <summary>Builds what the full-text index stores for a product, and what a buyer's query looks for.</summary>
internal sealed class SearchTerms(SearchLexicon lexicon, CategoryTree categories, FreeDictLexicon dictionaries, CatalogVocabulary vocabulary)
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
    /// What a buyer's words look for, in any supported language: one group per word or known phrase, each with
    /// the index terms that would mean it (the word as written, the trade lexicon's English, FreeDict's English for
    /// the word's stem in the buyer's language, and catalog words it is a cognate of). Null when nothing is searchable.
    /// </summary>
    public SearchQuery? ForQuery(string? query, string? language = null)
    {
        var tokens = TextTokens.Split(query).ToList();
        var groups = new List<IReadOnlyList<string>>();
        for (var i = 0; i < tokens.Count;)
        {
            var matched = false;
            for (var length = Math.Min(lexicon.LongestPhrase, tokens.Count - i); length > 0 && !matched; length--)
            {
                var phrase = string.Join(' ', tokens.Skip(i).Take(length));
                var english = lexicon.ToEnglish(phrase) ?? lexicon.ToEnglish(TextTokens.StemPhrase(phrase)) ?? lexicon.ToEnglish(WithoutArabicArticle(phrase));
                if (english is not null)
                {
                    groups.Add([.. english.Split(' ').Select(TextTokens.Stem)]);
                    i += length;
                    matched = true;
                }
            }

            if (matched)
            {
                continue;
            }

            var token = tokens[i++];
            if (StopWords.Contains(token) || (token.Length <= 1 && !TextTokens.IsHan(token[0])))
            {
                continue;
            }

            var alternatives = new List<string> { TextTokens.Stem(token) };
            if (!TextTokens.IsHan(token[0]))
            {
                var folded = TextTokens.Fold(token);
                var wordLanguage = WordStemmer.ScriptLanguage(token) ?? language;
                foreach (var english in wordLanguage is null ? [] : dictionaries.ToEnglish(folded, wordLanguage))
                {
                    alternatives.AddRange(english.Split(' ').Select(TextTokens.Stem));
                }

                alternatives.AddRange(vocabulary.Cognates(folded));
            }

            groups.Add([.. alternatives.Distinct(StringComparer.Ordinal)]);
        }

        return groups.Count == 0 ? null : new SearchQuery(groups);
    }

    /// <summary>"شريط القياس" as the lexicon lists it, "شريط قياس": the definite article (and a joined و/ب/ل) taken off each word.</summary>
    private static string WithoutArabicArticle(string phrase)
        => string.Join(' ', phrase.Split(' ').Select(word =>
        {
            foreach (var prefix in (string[])["وال", "بال", "لل", "ال"])
            {
                if (word.Length > prefix.Length + 2 && word.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return word[prefix.Length..];
                }
            }

            return word;
        }));

    // FTS5 string literal: the term is data, never query syntax.
    internal static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

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

/// <summary>A buyer's query as groups of alternative index terms, one group per word they wrote.</summary>
internal sealed record SearchQuery(IReadOnlyList<IReadOnlyList<string>> Groups)
{
    /// <summary>The FTS5 expression: any term of any group.</summary>
    public string Match => string.Join(" OR ", Groups.SelectMany(g => g).Distinct(StringComparer.Ordinal).Select(SearchTerms.Quote));

    /// <summary>
    /// How well a product answers the query, 0 to 1: the share of the buyer's words it has in its title (a word
    /// found only in the description or attributes counts half). "Visit your factory next week" names no product.
    /// </summary>
    public double Score(string titleTerms, string bodyTerms)
    {
        var title = titleTerms.Split(' ').ToHashSet(StringComparer.Ordinal);
        var body = bodyTerms.Split(' ').ToHashSet(StringComparer.Ordinal);
        var total = 0.0;
        foreach (var group in Groups)
        {
            total += group.Any(title.Contains) ? 1 : group.Any(body.Contains) ? 0.5 : 0;
        }

        return Groups.Count == 0 ? 0 : total / Groups.Count;
    }
}
