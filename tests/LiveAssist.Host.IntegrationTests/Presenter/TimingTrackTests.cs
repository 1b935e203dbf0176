using System.Net;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Presenter.Timings;

namespace LiveAssist.Host.IntegrationTests.Presenter;

/// <summary>The viseme track in the forms other renderers take: Oculus / OpenXR visemes and ARKit blend shapes at a frame rate.</summary>
public sealed class TimingTrackTests
{
    private const string Source = "欢迎来到直播间，这款杯子五百个起批。";
    private const string English = "Welcome to our live room, this cup has a minimum order of 500 pieces.";

    [Fact]
    public void Every_Azure_viseme_has_an_Oculus_viseme_and_every_Oculus_viseme_a_full_ARKit_pose()
    {
        Assert.Equal(22, VisemeTracks.AzureToOculus.Count);
        Assert.Equal(["sil", "PP", "FF", "TH", "DD", "kk", "CH", "SS", "nn", "RR", "aa", "E", "I", "O", "U"], VisemeTracks.OculusNames);
        Assert.All(VisemeTracks.AzureToOculus, o => Assert.Contains(o, VisemeTracks.OculusNames));
        // Every Oculus viseme is reached from some Azure id, so a rig gets the whole set.
        Assert.All(VisemeTracks.OculusNames, o => Assert.Contains(o, VisemeTracks.AzureToOculus));
        Assert.All(VisemeTracks.OculusNames, o => Assert.Equal(VisemeTracks.ArKitNames.Count, VisemeTracks.PoseOf(o).Count));
        Assert.All(VisemeTracks.OculusNames, o => Assert.All(VisemeTracks.PoseOf(o), w => Assert.InRange(w, 0, 1)));

        // The mouth shapes a viewer can see: p/b/m closes the lips, "ah" opens the jaw most, "oo" puckers, silence is at rest.
        double Weight(int azure, string shape) => VisemeTracks.PoseOf(VisemeTracks.OculusFor(azure))[IndexOf(shape)];
        Assert.Equal("PP", VisemeTracks.OculusFor(21));
        Assert.True(Weight(21, "mouthClose") > 0.5 && Weight(21, "jawOpen") < 0.1);
        Assert.Equal(VisemeTracks.OculusNames.Max(o => VisemeTracks.PoseOf(o)[IndexOf("jawOpen")]), Weight(2, "jawOpen"));
        Assert.True(Weight(7, "mouthPucker") > 0.5);
        Assert.All(VisemeTracks.PoseOf("sil"), w => Assert.Equal(0, w));
    }

    [Fact]
    public async Task A_line_and_the_timeline_export_carry_Oculus_visemes_and_ARKit_frames_on_the_audio_clock()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"], PresenterLines.Script(Source, new Dictionary<string, string> { ["en"] = English }));
        var seq = await CaptionSessions.SayAsync(client, id, key, Source, final: true, 0, 8000);
        var line = await PresenterLines.GetAsync(client, id, seq, "en");
        var azure = PresenterLines.Visemes(line);
        var duration = line.GetProperty("durationMs").GetInt32();
        Assert.False(line.TryGetProperty("oculusVisemes", out _)); // the default answer is unchanged

        // Oculus: the same times as the Azure track, one event per change of Oculus viseme.
        var oculus = await GetAsync(client, $"/api/sessions/{id}/speech/{seq}?lang=en&track=oculus");
        var events = oculus.GetProperty("oculusVisemes").EnumerateArray().Select(e => (Offset: e.GetProperty("offsetMs").GetInt32(), Name: e.GetProperty("viseme").GetString()!, Index: e.GetProperty("index").GetInt32())).ToList();
        Assert.Equal("sil", events[0].Name);
        Assert.Equal("sil", events[^1].Name);
        Assert.Contains(events, e => e.Name == "aa");
        Assert.Contains(events, e => e.Name == "PP"); // "minimum", "pieces"
        Assert.All(events.Zip(events.Skip(1)), p => Assert.True(p.First.Offset < p.Second.Offset && p.First.Name != p.Second.Name));
        foreach (var e in events)
        {
            Assert.Equal(VisemeTracks.OculusNames[e.Index], e.Name);
            var active = azure.Last(v => v.OffsetMs <= e.Offset);
            Assert.Equal(VisemeTracks.OculusFor(active.Id), e.Name);
        }

        // ARKit at 25 fps: a frame every 40 ms over the whole audio; the jaw opens where the Azure track says "ah" and rests at both ends.
        var arkit = (await GetAsync(client, $"/api/sessions/{id}/speech/{seq}?lang=en&track=arkit&fps=25")).GetProperty("blendShapes");
        Assert.Equal(25, arkit.GetProperty("fps").GetInt32());
        var names = arkit.GetProperty("names").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains("jawOpen", names);
        Assert.Contains("mouthPucker", names);
        var frames = arkit.GetProperty("frames").EnumerateArray().Select(f => f.EnumerateArray().Select(w => w.GetDouble()).ToArray()).ToList();
        Assert.Equal(duration / 40 + 1, frames.Count);
        Assert.All(frames, f => Assert.Equal(names.Count, f.Length));
        var jaw = names.IndexOf("jawOpen");
        Assert.Equal(0, frames[0][jaw]);
        Assert.Equal(0, frames[^1][jaw]);
        var open = azure.Zip(azure.Skip(1)).First(p => VisemeTracks.OculusFor(p.First.Id) == "aa" && p.Second.OffsetMs - p.First.OffsetMs >= 100).First;
        var settled = (open.OffsetMs + VisemeTracks.BlendMs + 39) / 40; // first frame after the blend into "ah"
        Assert.True(frames[settled][jaw] >= 0.5, $"jawOpen {frames[settled][jaw]} at {settled * 40} ms, where 'ah' starts at {open.OffsetMs} ms");

        // The export has the same tracks for every line, and says which.
        var export = await GetAsync(client, $"/api/sessions/{id}/speech.json?lang=en&track=arkit&fps=25");
        Assert.Equal("arkit", export.GetProperty("track").GetString());
        Assert.Equal(names, export.GetProperty("blendShapes").EnumerateArray().Select(n => n.GetString()!));
        var exported = export.GetProperty("lines").EnumerateArray().Single();
        Assert.Equal(frames.Count, exported.GetProperty("blendShapes").GetProperty("frames").GetArrayLength());
        var oculusExport = await GetAsync(client, $"/api/sessions/{id}/speech.json?lang=en&track=oculus");
        Assert.Equal(events.Count, oculusExport.GetProperty("lines")[0].GetProperty("oculusVisemes").GetArrayLength());

        using var wrong = await client.GetAsync($"/api/sessions/{id}/speech/{seq}?lang=en&track=mouth");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var tooFast = await client.GetAsync($"/api/sessions/{id}/speech/{seq}?lang=en&track=arkit&fps=1000");
        Assert.Equal(HttpStatusCode.BadRequest, tooFast.StatusCode);
    }

    private static int IndexOf(string shape) => VisemeTracks.ArKitNames.ToList().IndexOf(shape);

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
