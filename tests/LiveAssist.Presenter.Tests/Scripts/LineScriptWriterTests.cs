using LiveAssist.Captions.Pipeline;
using LiveAssist.Presenter.Scripts;

namespace LiveAssist.Presenter.Tests.Scripts;

/// <summary>What the presenter reads aloud from a caption: codes letter by letter, numbers as numbers, "pcs" in full.</summary>
public sealed class LineScriptWriterTests
{
    private static Caption Final(string lang, string text, params CaptionCue[] cues)
        => new(4, lang, Caption.Final, text, "源", 1000, 4000, "offline", [], cues, "ltr", false);

    [Fact]
    public void AProductCode_IsSpelledOut_InCapitals()
    {
        var script = LineScriptWriter.Write("s1", Final("en", "Order yw-100234 now"));
        var code = Assert.Single(script.Segments, s => s.SpellOut);
        Assert.Equal("YW-100234", code.Text);
        Assert.Equal("Order YW-100234 now", script.SpokenText);
    }

    [Theory]
    [InlineData("en", "MOQ 3,000 pcs", "MOQ 3000 pieces")]
    [InlineData("es", "Mínimo 3.000 pcs", "Mínimo 3000 piezas")]
    [InlineData("fr", "Minimum 3\u202F000 pcs", "Minimum 3000 pièces")]
    public void GroupedNumbers_AreReadAsOneNumber_AndPcsIsSaidInTheCaptionsLanguage(string lang, string text, string spoken)
        => Assert.Equal(spoken, LineScriptWriter.Write("s1", Final(lang, text)).SpokenText);

    [Fact]
    public void APriceWithDecimals_IsNotUngrouped()
        => Assert.Equal("1.85 yuan", LineScriptWriter.Write("s1", Final("en", "1.85 yuan")).SpokenText);

    [Fact]
    public void TheSpeechMustFitTheTimeTheCueIsOnScreen()
    {
        var withCues = LineScriptWriter.Write("s1", Final("en", "Hello", new CaptionCue(1200, 2000, ["Hello"]), new CaptionCue(2000, 3700, ["there"])));
        Assert.Equal(2500, withCues.AvailableMs);
        Assert.Equal(3000, LineScriptWriter.Write("s1", Final("en", "Hello")).AvailableMs);
    }
}
