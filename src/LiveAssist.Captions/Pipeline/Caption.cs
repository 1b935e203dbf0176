namespace LiveAssist.Captions.Pipeline;

/// <summary>What the host said (or typed), as it arrived: stored before anything is translated.</summary>
/// <param name="Recognizer">What turned speech into this text: <c>browser</c>, <c>typed</c>, or a server-side engine.</param>
public sealed record Utterance(string SessionId, long Seq, string Text, long StartMs, long EndMs, DateTimeOffset ReceivedAt, string? Recognizer = null);

/// <summary>One caption event of the contract: a line in one language, partial (updating) or final.</summary>
public sealed record Caption(
    long Seq,
    string Lang,
    string Kind,
    string Text,
    string SourceText,
    long StartMs,
    long EndMs,
    string Engine,
    IReadOnlyList<string> Flags,
    IReadOnlyList<CaptionCue> Cues,
    string Dir,
    bool Draft,
    string? Recognizer = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? ConsoleText = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Note = null)
{
    /// <summary>When a final was published: an overlay that loads later replays it only while it is still on screen.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The compliance findings on the line (contract §7 <c>review</c>); absent when no check fired.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public LiveAssist.Review.CaptionReview? Review { get; init; }

    /// <summary>What buyers may see of it: the console's draft, the host note and what the host said before review stay on the host side.</summary>
    public Caption ForBuyers() => ConsoleText is null && Note is null && Review?.HasHostOnlyParts != true ? this : this with { ConsoleText = null, Note = null, Review = Review?.ForBuyers() };

    /// <summary>Flag of a caption the compliance review changed (a clause dropped or reworded) or withheld whole.</summary>
    public const string ReviewEditedFlag = "review-edited";

    public const string Partial = "partial";
    public const string Final = "final";
}

/// <summary>A screenful: at most two lines, on screen from <see cref="StartMs"/> to <see cref="EndMs"/>.</summary>
public sealed record CaptionCue(long StartMs, long EndMs, IReadOnlyList<string> Lines);
