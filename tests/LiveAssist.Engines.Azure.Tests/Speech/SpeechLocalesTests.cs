using LiveAssist.Engines.Azure.Speech;

namespace LiveAssist.Engines.Azure.Tests.Speech;

/// <summary>Speech wants locales, Translator wants its own codes: a Chinese target must never be sent as <c>zh-CN</c>.</summary>
public sealed class SpeechLocalesTests
{
    [Theory]
    [InlineData("zh", "zh-Hans")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-TW", "zh-Hant")]
    [InlineData("zh-Hant-HK", "zh-Hant")]
    [InlineData("pt-BR", "pt")]
    [InlineData("ES", "es")]
    public void TranslatorTargets(string ours, string translator) => Assert.Equal(translator, SpeechLocales.ForTranslation(ours));

    [Theory]
    [InlineData("zh-Hans", "zh")]
    [InlineData("zh-Hant", "zh")]
    [InlineData("pt-PT", "pt")]
    public void TranslatorCodesInAnswers_BecomeOurTags(string code, string ours) => Assert.Equal(ours, SpeechLocales.FromTranslation(code));

    [Fact]
    public void ALanguageTheHostSpeaks_GetsAUsualLocale_AndAGivenRegionIsKept()
    {
        Assert.StartsWith("zh-", SpeechLocales.ForRecognition("zh"), StringComparison.Ordinal);
        Assert.Equal("es-MX", SpeechLocales.ForRecognition("es-MX"));
        Assert.Equal("xx", SpeechLocales.ForRecognition("xx"));
    }
}
