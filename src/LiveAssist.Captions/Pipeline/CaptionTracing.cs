using System.Diagnostics;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// Traces of caption lines: one span per final line (session, seq, languages) with its stages as children (review,
/// translation, storage, publishing to the overlays), so a late caption shows which stage held it. Nothing is
/// recorded unless a listener (the host's tracing, an exporter) is attached.
/// </summary>
public static class CaptionTracing
{
    public const string SourceName = "LiveAssist.Captions";

    public static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartLine(string sessionId, long seq, int languages)
    {
        var span = Source.StartActivity("caption.line", ActivityKind.Internal);
        span?.SetTag("session.id", sessionId);
        span?.SetTag("caption.seq", seq);
        span?.SetTag("caption.languages", languages);
        return span;
    }

    /// <summary>A stage of <paramref name="line"/>; explicit, because the line's stages run on different workers.</summary>
    internal static Activity? StartStage(string name, Activity? line)
        => line is null ? null : Source.StartActivity(name, ActivityKind.Internal, line.Context);
}
