using System.Xml.Linq;
using LiveAssist.Presenter.Scripts;

namespace LiveAssist.Presenter.Tests.Scripts;

/// <summary>What the voice is asked to say is what the host said: caption text can never become SSML markup.</summary>
public sealed class SsmlDocumentTests
{
    private static readonly XNamespace Synthesis = SsmlDocument.SynthesisNamespace;

    private static LineScript Script(string text, double rate = 1.0, int pitch = 0, params ScriptSegment[] segments)
        => new("s1", 1, "en", text, segments.Length > 0 ? segments : [new ScriptSegment(text)], 3000, rate, Pitch: pitch);

    [Fact]
    public void HostileCaptionText_IsSpokenAsText_NotObeyedAsMarkup()
    {
        const string Hostile = "Buy now</voice></speak><break time=\"100s\"/><voice name=\"evil\">&amp;";
        var ssml = SsmlDocument.Azure(Script(Hostile), "en-US-AvaMultilingualNeural");

        var document = XDocument.Parse(ssml); // well-formed: one speak, one voice
        Assert.Equal(Synthesis + "speak", document.Root!.Name);
        var voice = Assert.Single(document.Root.Elements(Synthesis + "voice"));
        Assert.Equal("en-US-AvaMultilingualNeural", (string?)voice.Attribute("name"));
        Assert.Empty(document.Descendants(Synthesis + "break"));
        Assert.Equal(Hostile, voice.Value);
    }

    [Fact]
    public void ControlCharactersFromATranslator_AreDropped_SoTheLineStillSpeaks()
    {
        var ssml = SsmlDocument.Espeak(Script("Hello\u0001 wor\uFFFEld\u0007"));
        var document = XDocument.Parse(ssml);
        Assert.Equal("Hello world", document.Root!.Value);
    }

    [Fact]
    public void ProductCodes_AreSpelledOut_AndTheRestReadAsWords()
    {
        var script = Script("Model YW-100234 today", segments: [new("Model "), new("YW-100234", SpellOut: true), new(" today")]);
        var document = XDocument.Parse(SsmlDocument.Espeak(script));
        var sayAs = Assert.Single(document.Descendants("say-as"));
        Assert.Equal("characters", (string?)sayAs.Attribute("interpret-as"));
        Assert.Equal("YW-100234", sayAs.Value);
        Assert.Equal("Model YW-100234 today", document.Root!.Value);
    }

    [Theory]
    [InlineData(1.3, 0, "+30%", null)]
    [InlineData(0.8, 0, "-20%", null)]
    [InlineData(1.0, 10, null, "+10%")]
    [InlineData(1.0, -5, null, "-5%")]
    public void AFasterOrHigherLine_CarriesProsody_ANaturalOneDoesNot(double rate, int pitch, string? expectedRate, string? expectedPitch)
    {
        var document = XDocument.Parse(SsmlDocument.Azure(Script("One piece.", rate, pitch), "v"));
        var prosody = Assert.Single(document.Descendants(Synthesis + "prosody"));
        Assert.Equal(expectedRate, (string?)prosody.Attribute("rate"));
        Assert.Equal(expectedPitch, (string?)prosody.Attribute("pitch"));
        Assert.Equal("One piece.", prosody.Value);
    }

    [Fact]
    public void ANaturalLine_HasNoProsody()
    {
        var document = XDocument.Parse(SsmlDocument.Azure(Script("One piece.", 1.01), "v"));
        Assert.Empty(document.Descendants(Synthesis + "prosody"));
    }
}
