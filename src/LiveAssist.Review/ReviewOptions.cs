using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Review;

/// <summary>Compliance review of what the host says (issue 19). Bound from <c>Review</c>; the rule packs themselves live in <c>review/</c>.</summary>
public sealed class ReviewOptions
{
    public const string SectionName = "Review";

    /// <summary>Checks run on every host line unless this is false.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Which buyer markets a caption language stands for, so a market's rules (jurisdictions) apply to that language's
    /// captions and to the Chinese line that becomes them. The host's own speech is always <c>CN</c>. Unlisted languages
    /// have no market beyond CN.
    /// </summary>
    public Dictionary<string, string[]> LanguageMarkets { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["US", "EU", "UK"],
        ["es"] = ["EU", "LATAM"],
        ["pt"] = ["EU", "BR"],
        ["fr"] = ["EU"],
        ["de"] = ["EU"],
        ["it"] = ["EU"],
        ["nl"] = ["EU"],
        ["pl"] = ["EU"],
        ["ru"] = ["RU"],
        ["ar"] = ["GCC"],
    };

    /// <summary>At most this many findings per line and rule (a line repeating one term ten times is one problem).</summary>
    [Range(1, 20)]
    public int MaxFindingsPerRule { get; set; } = 3;

    /// <summary>How long the product on screen's catalog facts are reused before they are read again.</summary>
    [Range(1, 3600)]
    public int ProductCacheSeconds { get; set; } = 30;
}
