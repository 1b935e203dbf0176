using LiveAssist.Presenter.Synthesis.Espeak;
using LiveAssist.Presenter.Timings;

namespace LiveAssist.Presenter.Tests.Timings;

/// <summary>The avatar's mouth and highlighted words follow the audio: both tracks start and end closed and stay inside it.</summary>
public sealed class SpeechTimelineTests
{
    private const string Markup = "<speak>hello big world</speak>";

    // 1 s of audio at 16 kHz: "hello" at 100 ms, "world" at 600 ms; espeak skipped "big" (it runs words together).
    private static EspeakRun Run() => new(
        new short[16_000],
        16_000,
        [new EspeakWordEvent(8, 5, 100), new EspeakWordEvent(18, 5, 600)],
        [new(string.Empty, 0), new("h", 100), new("ə", 150), new("l", 220), new("oʊ", 300), new("b", 420), new("ɪ", 470), new("ɡ", 520),
            new("w", 600), new("ɜː", 650), new("l", 760), new("d", 820), new(string.Empty, 900)]);

    [Fact]
    public void Visemes_StartAndEndClosed_OnlyMoveForward_AndStayInsideTheAudio()
    {
        var timeline = SpeechTimeline.FromEspeak(Run(), Markup, leadMs: 150, totalMs: 1300);

        Assert.Equal(VisemeMap.Silence, timeline.Visemes[0].Id);
        Assert.Equal(0, timeline.Visemes[0].OffsetMs);
        Assert.Equal(VisemeMap.Silence, timeline.Visemes[^1].Id);
        Assert.Equal(150 + 900, timeline.Visemes[^1].OffsetMs); // the mouth closes when speech ends, shifted by the lead
        Assert.All(timeline.Visemes.Zip(timeline.Visemes.Skip(1)), pair => Assert.True(pair.Second.OffsetMs > pair.First.OffsetMs));
        Assert.All(timeline.Visemes.Zip(timeline.Visemes.Skip(1)), pair => Assert.NotEqual(pair.First.Id, pair.Second.Id));
        Assert.All(timeline.Visemes, v => Assert.InRange(v.OffsetMs, 0, timeline.DurationMs));
        Assert.Contains(timeline.Visemes, v => v.Id == VisemeMap.For("b") && v.OffsetMs == 150 + 420);
    }

    [Fact]
    public void EveryWrittenWord_GetsATime_EvenOnesEspeakSkipped()
    {
        var timeline = SpeechTimeline.FromEspeak(Run(), Markup, leadMs: 150, totalMs: 1300);

        Assert.Equal(["hello", "big", "world"], timeline.Words.Select(w => w.Text));
        Assert.Equal(250, timeline.Words[0].OffsetMs);
        Assert.Equal(750, timeline.Words[2].OffsetMs);
        // "big" is placed after "hello" inside the time the two share, never overlapping "world".
        Assert.True(timeline.Words[1].OffsetMs > timeline.Words[0].OffsetMs);
        Assert.True(timeline.Words[1].OffsetMs + timeline.Words[1].DurationMs <= timeline.Words[2].OffsetMs);
    }

    [Fact]
    public void ScaledToACloudVoicesAudio_TheTracksStretchInProportion()
    {
        var timeline = SpeechTimeline.FromEspeak(Run(), Markup, leadMs: 0, totalMs: 1000);
        var scaled = timeline.ScaleTo(2000);

        Assert.Equal(2000, scaled.DurationMs);
        Assert.Equal(timeline.Words.Select(w => w.OffsetMs * 2), scaled.Words.Select(w => w.OffsetMs));
        Assert.Equal(timeline.Visemes.Select(v => v.Id), scaled.Visemes.Select(v => v.Id));
        Assert.Equal(timeline.Visemes[^1].OffsetMs * 2, scaled.Visemes[^1].OffsetMs);
    }
}
