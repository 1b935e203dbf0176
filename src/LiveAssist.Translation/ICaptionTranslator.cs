namespace LiveAssist.Translation;

/// <summary>
/// Translates one caption into all of a session's languages at once (cloud engines bill and batch
/// that way). Engines are registered as keyed services under their <see cref="Name"/>, the name
/// used in <c>Translator:Engines</c>.
/// </summary>
public interface ICaptionTranslator
{
    string Name { get; }

    /// <summary>Translations by target language; a language the engine cannot do is left out.</summary>
    Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken);
}

/// <param name="Text">The source line.</param>
/// <param name="From">Source language (BCP-47).</param>
/// <param name="To">Target languages (BCP-47 primary tags).</param>
/// <param name="Session">Glossary and script of the live session.</param>
/// <param name="IsPartial">A hypothesis that will be replaced: engines may trade quality for speed.</param>
public sealed record CaptionTranslationRequest(string Text, string From, IReadOnlyList<string> To, SessionTerms Session, bool IsPartial = false)
{
    /// <summary>What 块, 元 and 毛 mean: the currency of the product on screen or of the session.</summary>
    public string SpokenCurrency { get; init; } = "CNY";
}

/// <summary>A session's glossary and prepared script; <see cref="Version"/> changes whenever either does (it keys the cache).</summary>
public sealed record SessionTerms(IReadOnlyList<SessionTerm> Glossary, IReadOnlyList<SessionTerm> Script)
{
    public static SessionTerms Empty { get; } = new([], []);

    public string Version { get; } = ComputeVersion(Glossary, Script);

    private static string ComputeVersion(IReadOnlyList<SessionTerm> glossary, IReadOnlyList<SessionTerm> script)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var term in glossary.Concat([new SessionTerm("\u0000", null)]).Concat(script))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(term.Source + "\u0001"));
            foreach (var (lang, text) in (term.Translations ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(lang + "=" + text + "\u0002"));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset(), 0, 8);
    }
}

/// <summary>A glossary term or script line: the source and its given translations (a glossary term with none for a language is kept as written).</summary>
public sealed record SessionTerm(string Source, IReadOnlyDictionary<string, string>? Translations)
{
    /// <summary>A Latin word of the line (FOB, CE, a model number), kept as written.</summary>
    public bool IsLatin { get; init; }

    /// <summary>Languages whose translation was filled by an engine or a pivot, not given by the merchant.</summary>
    public IReadOnlySet<string> Unvetted { get; init; } = new HashSet<string>();
}
