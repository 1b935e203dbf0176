using System.Globalization;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>A strict reader for the WebVTT the exports produce: header, numbered cues, timings, text lines.</summary>
internal static class WebVtt
{
    public sealed record Cue(TimeSpan Start, TimeSpan End, IReadOnlyList<string> Lines);

    public static IReadOnlyList<Cue> Parse(string text)
    {
        var blocks = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("WEBVTT", blocks[0]);
        var cues = new List<Cue>();
        foreach (var block in blocks.Skip(1).Where(b => !b.StartsWith("NOTE", StringComparison.Ordinal))) // comments, such as the AI label
        {
            var lines = block.Split('\n');
            var timingAt = lines[0].Contains("-->", StringComparison.Ordinal) ? 0 : 1;
            var parts = lines[timingAt].Split(" --> ");
            Assert.Equal(2, parts.Length);
            cues.Add(new Cue(Time(parts[0]), Time(parts[1].Split(' ')[0]), lines[(timingAt + 1)..]));
        }

        return cues;
    }

    private static TimeSpan Time(string value)
    {
        Assert.Matches(@"^\d{2,}:\d{2}:\d{2}\.\d{3}$", value);
        return TimeSpan.ParseExact(value, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
    }
}
