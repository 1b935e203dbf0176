namespace LiveAssist.Translation.Tests;

public sealed class LanguageTagsTests
{
    [Theory]
    [InlineData("zh-CN", "zh")]
    [InlineData("pt-BR", "pt")]
    [InlineData(" EN ", "en")]
    [InlineData("zh-Hant-TW", "zh")]
    [InlineData("es", "es")]
    public void ARegionalTag_IsItsLanguage(string tag, string primary) => Assert.Equal(primary, LanguageTags.Primary(tag));
}
