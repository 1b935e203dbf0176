using LiveAssist.Translation.Offline;

namespace LiveAssist.Translation.Tests.Offline;

/// <summary>When the host reads a line of the merchant's script, buyers get the merchant's own translation, never an engine's fill-in.</summary>
public sealed class VettedScriptLineTests
{
    private static CaptionTranslationRequest Said(string text, params SessionTerm[] script) => new(text, "zh-CN", ["en", "es"], new SessionTerms([], script));

    [Fact]
    public void AScriptLineReadAsWritten_GetsTheMerchantsTranslation()
    {
        var line = new SessionTerm("今天全场包邮！", new Dictionary<string, string> { ["en"] = "Free shipping on everything today!" });
        var result = OfflineCaptionTranslator.VettedScriptLine(Said("今天全场包邮", line), "en");
        Assert.NotNull(result);
        Assert.Equal("Free shipping on everything today!", result.Text);
        Assert.Contains(TranslationFlags.Vetted, result.Flags);
    }

    [Fact]
    public void ALanguageAnEngineFilledIn_IsNotPassedOffAsTheMerchants()
    {
        var line = new SessionTerm("今天全场包邮！", new Dictionary<string, string> { ["es"] = "¡Envío gratis hoy!" }) { Unvetted = new HashSet<string> { "es" } };
        Assert.Null(OfflineCaptionTranslator.VettedScriptLine(Said("今天全场包邮！", line), "es"));
    }

    [Fact]
    public void ALineThatOnlyStartsLikeTheScript_IsNotTheScript()
    {
        var line = new SessionTerm("今天全场包邮！", new Dictionary<string, string> { ["en"] = "Free shipping on everything today!" });
        Assert.Null(OfflineCaptionTranslator.VettedScriptLine(Said("今天全场包邮，但是只限广东", line), "en"));
    }
}
