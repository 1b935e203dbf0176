namespace LiveAssist.Review.Rules;

/// <summary>
/// One compliance rule of a pack: what it cites, where it applies, how bad it is, what the host is told, and its
/// patterns per language (<c>zh</c> for the host's speech, caption languages for the translated captions).
/// </summary>
/// <param name="Replacement">Chinese words that take the matched words' place in what is captioned; null: the clause is dropped.</param>
public sealed record ReviewRule(
    string Id,
    string Pack,
    string Source,
    IReadOnlyList<string> Jurisdictions,
    string Severity,
    string Explanation,
    string Suggestion,
    string? Replacement,
    IReadOnlyDictionary<string, PatternSet> Patterns)
{
    public bool AppliesTo(IReadOnlyCollection<string> markets) => Jurisdictions.Any(j => j == "*" || markets.Contains(j));

    /// <summary>
    /// When the line cites a source for the claim ("据中国轻工业联合会 2024 年统计，销量第一"), the rule's finding takes this
    /// severity and explanation instead: a claim with a verifiable source is treated more lightly, but still reported.
    /// </summary>
    public CitedSource? Cited { get; init; }

    /// <summary>The first of the rule's jurisdictions the given markets have (what the finding reports).</summary>
    public string? JurisdictionIn(IReadOnlyCollection<string> markets) => Jurisdictions.FirstOrDefault(j => j == "*" || markets.Contains(j));
}

/// <summary>A rule's "cited" part: how a source is named per language, and what a cited claim becomes.</summary>
public sealed record CitedSource(string Severity, string Explanation, IReadOnlyDictionary<string, PatternSet> Patterns);

/// <summary>One file of <c>review/</c>, read and validated.</summary>
public sealed record RulePack(string Path, string Id, string Title, IReadOnlyList<ReviewRule> Rules);
