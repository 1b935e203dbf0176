using System.Text.Json.Serialization;

namespace LiveAssist.Review;

/// <summary>Where in the checked text a finding is: offsets in UTF-16 code units, and the words themselves.</summary>
public sealed record FindingSpan(int Start, int Length, string Text);

/// <summary>
/// One rule that fired on a line: the caption event's <c>review.findings[]</c> (contract §7). <see cref="Message"/> is the
/// Chinese explanation the host reads; <see cref="Lang"/> says which text it was found in (the host's Chinese, or a caption).
/// </summary>
public sealed record ReviewFinding(string Rule, string Severity, FindingSpan Span, string Message, string? Suggestion, string? Source, string Lang, string? Jurisdiction)
{
    public const string Block = "block";
    public const string Warn = "warn";

    [JsonIgnore]
    public bool Blocks => Severity == Block;
}

/// <summary>
/// The caption event's <c>review</c> field. <see cref="Said"/> is what the host said when a block finding changed it
/// (the console shows it beside what was carried); buyers never get it, nor the words of a blocked claim.
/// </summary>
public sealed record CaptionReview(IReadOnlyList<ReviewFinding> Findings)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Said { get; init; }

    /// <summary>What a public caption stream carries: a blocked claim's words stay off it too (only where they were).</summary>
    public CaptionReview ForBuyers()
        => Said is null && !Findings.Any(f => f.Blocks && f.Span.Text.Length > 0)
            ? this
            : new CaptionReview([.. Findings.Select(f => f.Blocks ? f with { Span = f.Span with { Text = string.Empty }, Message = BuyersMessage, Suggestion = null } : f)]);

    // A catalog finding's message names the claim ("没有 CE 认证"): buyers get only that something was not said.
    private const string BuyersMessage = "这句有说法未按原话播出（合规检查）。Part of this line was not published as said (compliance review).";

    /// <summary>Whether <see cref="ForBuyers"/> would change anything.</summary>
    [JsonIgnore]
    public bool HasHostOnlyParts => Said is not null || Findings.Any(f => f.Blocks && f.Span.Text.Length > 0);
}
