using System.Globalization;
using System.Text;
using System.Text.Json;
using LiveAssist.Captions.Pipeline;

namespace LiveAssist.Captions.Exports;

/// <summary>Finished captions of one language as WebVTT, SRT or JSON. Text is escaped so a host's "&lt;b&gt;" stays text in every player.</summary>
public static class CaptionExports
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>What the exports say they are: machine-made captions (China's AI-content labelling rules, the EU AI Act).</summary>
    public const string AiLabel = "AI-generated: speech recognition and machine translation by LiveAssist (AI 生成：机器识别与机器翻译)";

    // WebVTT carries the label as a NOTE block after its header; JSON as fields. SRT has no place for metadata.
    public static string WebVtt(IEnumerable<Caption> captions, string lang) => Cues(captions, $"WEBVTT - LiveAssist captions ({lang})\n\nNOTE {AiLabel}\n\n", '.', "\n");

    public static string Srt(IEnumerable<Caption> captions) => Cues(captions, string.Empty, ',', "\r\n");

    public static string JsonExport(string sessionId, string lang, IReadOnlyList<Caption> captions)
        => JsonSerializer.Serialize(new { sessionId, lang, aiGenerated = true, label = AiLabel, count = captions.Count, captions }, Json);

    // WebVTT and SRT differ only in the header, the millisecond separator and line endings.
    private static string Cues(IEnumerable<Caption> captions, string header, char millisecondSeparator, string newline)
    {
        var text = new StringBuilder(header);
        var index = 0;
        foreach (var cue in captions.OrderBy(c => c.Seq).SelectMany(c => c.Cues.Count > 0 ? c.Cues : [new CaptionCue(c.StartMs, Math.Max(c.EndMs, c.StartMs + 1000), [c.Text])]))
        {
            text.Append(++index).Append(newline)
                .Append(Time(cue.StartMs, millisecondSeparator)).Append(" --> ").Append(Time(cue.EndMs, millisecondSeparator)).Append(newline);
            foreach (var line in cue.Lines)
            {
                text.Append(Escape(line)).Append(newline);
            }

            text.Append(newline);
        }

        return text.ToString();
    }

    // "&", "<" and ">" are markup in WebVTT (and in the SRT tags most players honour).
    private static string Escape(string line) => line.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Time(long ms, char separator)
    {
        var t = TimeSpan.FromMilliseconds(Math.Max(0, ms));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{separator}{t.Milliseconds:000}");
    }
}
