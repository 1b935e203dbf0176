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
/// (the console shows it beside what was carried); buyers never get it.
/// </summary>
public sealed record CaptionReview(IReadOnlyList<ReviewFinding> Findings)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Said { get; init; }

    public CaptionReview ForBuyers() => Said is null ? this : this with { Said = null };
}
