using LiveAssist.Presenter.Timings;

namespace LiveAssist.Presenter.Tests.Timings;

/// <summary>Other renderers (Oculus / OpenXR rigs, ARKit blend shapes) get the same mouth movement in their own form.</summary>
public sealed class VisemeTracksTests
{
    [Fact]
    public void TwoAzureShapesThatAreOneOculusViseme_AreOneEvent()
    {
        // 1 (æ) and 2 (ɑ) are both Oculus "aa"; 21 is the lip closure.
        var oculus = VisemeTracks.ToOculus([new(0, 0), new(100, 1), new(180, 2), new(260, 21), new(400, 0)]);
        Assert.Equal(["sil", "aa", "PP", "sil"], oculus.Select(o => o.Viseme));
        Assert.Equal([0, 100, 260, 400], oculus.Select(o => o.OffsetMs));
        Assert.All(oculus, o => Assert.Equal(o.Viseme, VisemeTracks.OculusNames[o.Index]));
    }

    [Fact]
    public void ArKitFrames_CoverTheWholeAudio_StartAtRest_AndReachThePoseAfterTheBlend()
    {
        var track = VisemeTracks.ToArKit([new(0, 0), new(100, 2), new(500, 0)], durationMs: 1000, fps: 20);
        Assert.Equal(21, track.Frames.Count); // 0, 50, … 1000 ms
        Assert.All(track.Frames, f => Assert.Equal(VisemeTracks.ArKitNames.Count, f.Count));
        Assert.All(track.Frames[0], w => Assert.Equal(0, w));

        var open = VisemeTracks.PoseOf("aa");
        var jaw = VisemeTracks.ArKitNames.ToList().IndexOf("jawOpen");
        Assert.Equal(open[jaw], track.Frames[4][jaw], 3); // 200 ms: 100 ms after the shape began, past the 60 ms blend
        Assert.InRange(track.Frames[3][jaw], 0.001, open[jaw] - 0.001); // 150 ms: still blending
        Assert.Equal(0, track.Frames[^1][jaw], 3); // closed again at the end
    }

    [Theory]
    [InlineData(null, VisemeTracks.Azure)]
    [InlineData(" OpenXR ", VisemeTracks.Oculus)]
    [InlineData("blendshapes", VisemeTracks.ArKit)]
    [InlineData("mp4", null)]
    public void TrackNames_FromTheQuery(string? query, string? track) => Assert.Equal(track, VisemeTracks.Parse(query));
}
