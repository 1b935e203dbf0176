using LiveAssist.Review.Catalog;
using LiveAssist.Review.Rules;
using Microsoft.Extensions.Options;

namespace LiveAssist.Review;

/// <summary>What the review made of the host's Chinese line: its findings and the words captions carry.</summary>
/// <param name="Carried">The line with blocked clauses dropped or replaced; empty when nothing of it may be said.</param>
/// <param name="Withhold">A partial with something a final would block: buyers do not see it until the final is checked.</param>
public sealed record SourceReview(IReadOnlyList<ReviewFinding> Findings, string Carried, bool Withhold)
{
    public static SourceReview None(string text) => new([], text, false);

    /// <summary>
    /// What each caption language carries when a block finding comes from a buyer market's rule: "美国制造" is cut from
    /// the English caption (US) but not from the Russian one. Languages not listed carry <see cref="Carried"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? CarriedByLanguage { get; init; }

    public string CarriedFor(string lang) => CarriedByLanguage is not null && CarriedByLanguage.TryGetValue(lang, out var text) ? text : Carried;
}

/// <summary>What the review made of one caption in a buyer language.</summary>
public sealed record CaptionCheck(IReadOnlyList<ReviewFinding> Findings, string Carried);

/// <summary>
/// Runs the rule packs and the catalog checks on a host line before it is translated, and on each translated caption
/// before it is published. Rule patterns are compiled when a pack loads; a line costs a few regex scans.
/// </summary>
public sealed class LineReviewer(ReviewRules rules, ProductFacts products, IOptions<ReviewOptions> options)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>The host's line (in <paramref name="sourceLanguage"/>) checked for the markets of the live's caption languages and against the product on screen.</summary>
    public async ValueTask<SourceReview> ReviewSourceAsync(string text, string sourceLanguage, IReadOnlyList<string> captionLanguages, string? productId, bool final, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(captionLanguages);
        if (!Enabled || text.Length == 0)
        {
            return SourceReview.None(text);
        }

        var product = productId is null ? null : await products.GetAsync(productId, cancellationToken).ConfigureAwait(false);
        return ReviewSource(text, sourceLanguage, captionLanguages, product, final);
    }

    /// <summary>The synchronous part, with the product's facts already at hand (what the benchmark measures).</summary>
    public SourceReview ReviewSource(string text, string sourceLanguage, IReadOnlyList<string> captionLanguages, LiveAssist.Catalog.Client.Product? product, bool final)
    {
        ArgumentNullException.ThrowIfNull(text);
        var markets = Markets(captionLanguages);
        var findings = new List<ReviewFinding>();
        var replacements = new List<(FindingSpan, string?)>();
        var byRule = new List<(FindingSpan Span, string? Replacement, ReviewRule? Rule)>();
        foreach (var rule in rules.Current)
        {
            var before = replacements.Count;
            Match(rule, text, sourceLanguage, markets, findings, replacements);
            byRule.AddRange(replacements.Skip(before).Select(r => (r.Item1, r.Item2, (ReviewRule?)rule)));
        }

        if (product is not null)
        {
            foreach (var finding in CatalogClaims.Check(text, product, options.Value.MaxFindingsPerRule))
            {
                findings.Add(finding);
                if (finding.Blocks)
                {
                    replacements.Add((finding.Span, null));
                    byRule.Add((finding.Span, null, null)); // a catalog contradiction is false in every language
                }
            }
        }

        if (findings.Count == 0)
        {
            return SourceReview.None(text);
        }

        // Partials warn only: the host is told at once, the line is judged when final.
        if (!final)
        {
            return new SourceReview([.. findings.Select(f => f with { Severity = ReviewFinding.Warn })], text, replacements.Count > 0);
        }

        return new SourceReview(findings, replacements.Count > 0 ? ClauseEditor.Carry(text, replacements) : text, false)
        {
            CarriedByLanguage = replacements.Count > 0 ? PerLanguage(text, sourceLanguage, captionLanguages, byRule) : null,
        };
    }

    // A buyer market's rule binds the captions for that market only; CN's rules and catalog contradictions bind all.
    private Dictionary<string, string> PerLanguage(string text, string sourceLanguage, IReadOnlyList<string> captionLanguages, List<(FindingSpan Span, string? Replacement, ReviewRule? Rule)> blocks)
    {
        var carried = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var lang in captionLanguages.Append(sourceLanguage).Distinct(StringComparer.Ordinal))
        {
            var markets = Markets(lang == sourceLanguage ? [] : [lang]);
            var applying = blocks.Where(b => b.Rule is null || b.Rule.AppliesTo(markets)).Select(b => (b.Span, b.Replacement)).ToList();
            carried[lang] = applying.Count > 0 ? ClauseEditor.Carry(text, applying) : text;
        }

        return carried;
    }

    /// <summary>A caption in <paramref name="lang"/> checked with that language's patterns of the rules for its markets.</summary>
    public CaptionCheck ReviewCaption(string lang, string text, bool final)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Enabled || text.Length == 0)
        {
            return new CaptionCheck([], text);
        }

        var markets = Markets([lang], includeSource: false);
        var findings = new List<ReviewFinding>();
        var replacements = new List<(FindingSpan, string?)>();
        foreach (var rule in rules.Current)
        {
            Match(rule, text, lang, markets, findings, replacements);
        }

        if (findings.Count == 0)
        {
            return new CaptionCheck([], text);
        }

        return !final
            ? new CaptionCheck([.. findings.Select(f => f with { Severity = ReviewFinding.Warn })], text)
            : new CaptionCheck(findings, replacements.Count > 0 ? ClauseEditor.Carry(text, replacements) : text);
    }

    /// <summary>The markets a live reaches: CN (the host speaks in China) and those of its caption languages.</summary>
    public HashSet<string> Markets(IEnumerable<string> captionLanguages, bool includeSource = true)
    {
        var markets = new HashSet<string>(StringComparer.Ordinal);
        if (includeSource)
        {
            markets.Add("CN");
        }

        foreach (var lang in captionLanguages)
        {
            if (options.Value.LanguageMarkets.TryGetValue(lang, out var those))
            {
                markets.UnionWith(those);
            }
            else if (lang == "zh")
            {
                markets.Add("CN");
            }
        }

        return markets;
    }

    private void Match(ReviewRule rule, string text, string lang, HashSet<string> markets, List<ReviewFinding> findings, List<(FindingSpan, string?)> replacements)
    {
        if (!rule.Patterns.TryGetValue(lang, out var patterns) || !rule.AppliesTo(markets))
        {
            return;
        }

        var jurisdiction = rule.JurisdictionIn(markets);
        // A claim whose source the line names ("据…统计") takes the rule's cited severity and explanation.
        var cited = rule.Cited is { } c && c.Patterns.TryGetValue(lang, out var citing) && citing.Find(text, 1, static (_, _) => { }) > 0 ? c : null;
        var severity = cited?.Severity ?? rule.Severity;
        var explanation = cited?.Explanation ?? rule.Explanation;
        patterns.Find(text, options.Value.MaxFindingsPerRule, (start, length) =>
        {
            var span = new FindingSpan(start, length, text.Substring(start, length));
            findings.Add(new ReviewFinding(rule.Id, severity, span, explanation, rule.Suggestion, rule.Source, lang, jurisdiction));
            if (severity == ReviewFinding.Block)
            {
                replacements.Add((span, rule.Replacement));
            }
        });
    }
}
