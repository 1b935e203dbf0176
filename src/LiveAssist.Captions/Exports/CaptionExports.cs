using System.Globalization;
using System.Text;
using System.Text.Json;
using LiveAssist.Captions.Pipeline;

namespace LiveAssist.Captions.Exports;

/// <summary>Finished captions of one language as WebVTT, SRT or JSON. Text is escaped so a host's "&lt;b&gt;" stays text in every player.</summary>
public static class CaptionExports
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string WebVtt(IEnumerable<Caption> captions, string lang)
    {
        var vtt = new StringBuilder("WEBVTT - LiveAssist captions (").Append(lang).Append(")\n\n");
        var index = 0;
        foreach (var cue in Cues(captions))
        {
            vtt.Append(++index).Append('\n')
                .Append(Time(cue.StartMs, '.')).Append(" --> ").Append(Time(cue.EndMs, '.')).Append('\n');
            foreach (var line in cue.Lines)
            {
                vtt.Append(Escape(line)).Append('\n');
            }

            vtt.Append('\n');
        }

        return vtt.ToString();
    }

    public static string Srt(IEnumerable<Caption> captions)
    {
        var srt = new StringBuilder();
        var index = 0;
        foreach (var cue in Cues(captions))
        {
            srt.Append(++index).Append("\r\n")
                .Append(Time(cue.StartMs, ',')).Append(" --> ").Append(Time(cue.EndMs, ',')).Append("\r\n");
            foreach (var line in cue.Lines)
            {
                srt.Append(Escape(line)).Append("\r\n");
            }

            srt.Append("\r\n");
        }

        return srt.ToString();
    }

    public static string JsonExport(string sessionId, string lang, IReadOnlyList<Caption> captions)
        => JsonSerializer.Serialize(new { sessionId, lang, count = captions.Count, captions }, Json);

    private static IEnumerable<CaptionCue> Cues(IEnumerable<Caption> captions)
        => captions.OrderBy(c => c.Seq).SelectMany(c => c.Cues.Count > 0 ? c.Cues : [new CaptionCue(c.StartMs, Math.Max(c.EndMs, c.StartMs + 1000), [c.Text])]);

    // "&", "<" and ">" are markup in WebVTT (and in the SRT tags most players honour).
    private static string Escape(string line) => line.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Time(long ms, char separator)
    {
        var t = TimeSpan.FromMilliseconds(Math.Max(0, ms));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{separator}{t.Milliseconds:000}");
    }
}
