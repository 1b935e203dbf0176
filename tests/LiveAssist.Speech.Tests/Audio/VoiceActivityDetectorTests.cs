using LiveAssist.Speech.Audio;

namespace LiveAssist.Speech.Tests.Audio;

public sealed class VoiceActivityDetectorTests
{
    [Fact]
    public void Tone_bursts_separated_by_pauses_become_one_segment_each_whatever_the_frame_sizes()
    {
        // 0.5 s silence, 1 s tone, 0.8 s silence, 0.6 s tone, 0.3 s silence (a short pause inside speech), 0.4 s tone, 1 s silence.
        var (pcm, _) = Build((0, 500), (1, 1000), (0, 800), (1, 600), (0, 300), (1, 400), (0, 1000));
        var detector = new VoiceActivityDetector(new VadOptions());
        var segments = new List<SpeechSegment>();
        var random = new Random(7);
        for (var at = 0; at < pcm.Length;)
        {
            var size = Math.Min(pcm.Length - at, random.Next(1, 5000));
            segments.AddRange(detector.Feed(pcm.AsSpan(at, size)));
            at += size;
        }

        if (detector.Flush() is { } last)
        {
            segments.Add(last);
        }

        Assert.Equal(2, segments.Count);
        Assert.InRange(segments[0].StartMs, 260, 500);
        Assert.InRange(segments[0].EndMs, 1500, 1700);
        Assert.InRange(segments[1].StartMs, 2060, 2300);
        Assert.InRange(segments[1].EndMs, 3600, 3800); // the 300 ms pause did not split it
        Assert.All(segments, s => Assert.Equal(s.DurationMs * 32, s.Pcm.Length));
    }

    [Fact]
    public void Silence_and_clicks_make_no_segment()
    {
        var (pcm, _) = Build((0, 1000), (1, 40), (0, 1000));
        var detector = new VoiceActivityDetector(new VadOptions());
        Assert.Empty(detector.Feed(pcm));
        Assert.Null(detector.Flush());
    }

    private static (byte[] Pcm, int Ms) Build(params (int Tone, int Ms)[] parts)
    {
        var samples = new List<short>();
        foreach (var (tone, ms) in parts)
        {
            for (var i = 0; i < ms * 16; i++)
            {
                samples.Add(tone == 1 ? (short)(8000 * Math.Sin(2 * Math.PI * 220 * i / 16000.0)) : (short)0);
            }
        }

        var bytes = new byte[samples.Count * 2];
        Buffer.BlockCopy(samples.ToArray(), 0, bytes, 0, bytes.Length);
        return (bytes, parts.Sum(p => p.Ms));
    }
}
