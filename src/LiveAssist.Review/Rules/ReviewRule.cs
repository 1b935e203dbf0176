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

    /// <summary>The first of the rule's jurisdictions the given markets have (what the finding reports).</summary>
    public string? JurisdictionIn(IReadOnlyCollection<string> markets) => Jurisdictions.FirstOrDefault(j => j == "*" || markets.Contains(j));
}

/// <summary>One file of <c>review/</c>, read and validated.</summary>
public sealed record RulePack(string Path, string Id, string Title, IReadOnlyList<ReviewRule> Rules);
