using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Captions;

/// <summary>Caption behaviour. Bound from <c>Captions</c>.</summary>
public sealed class CaptionsOptions
{
    public const string SectionName = "Captions";

    /// <summary>Longest line the host may send in one utterance; longer text gets a clear 400 (split it), nothing is cut silently.</summary>
    [Range(1, 100_000)]
    public int MaxUtteranceChars { get; set; } = 2000;

    /// <summary>Events a slow overlay may fall behind before it is disconnected (it reconnects and resumes from storage).</summary>
    [Range(16, 100_000)]
    public int ListenerBuffer { get; set; } = 512;

    /// <summary>The host page raises its delay alarm above this.</summary>
    [Range(100, 600_000)]
    public int DelayAlarmMs { get; set; } = 3000;

    /// <summary>An overlay that loads (<c>?after=recent</c>) replays the last final only if it left the screen less than this long ago.</summary>
    [Range(0, 3_600_000)]
    public int ReplayWindowMs { get; set; } = 4000;

    /// <summary>Final lines of one live that may wait for translation before the console's next line is held back (back-pressure).</summary>
    [Range(1, 10_000)]
    public int LineQueueCapacity { get; set; } = 64;

    /// <summary>A live that has said nothing this long lets its captioner go (memory, two workers); its next line starts a new one.</summary>
    [Range(1, 10_080)]
    public int IdleSessionMinutes { get; set; } = 30;
}
