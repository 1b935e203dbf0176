namespace LiveAssist.Catalog.Client.Tests;

/// <summary>A buyer sees a product's text in their language, else English, else Chinese, and knows which it is.</summary>
public sealed class LocalizedTextTests
{
    private static readonly LocalizedText Title = new() { ["zh"] = "保温杯", ["en"] = "Vacuum flask", ["es"] = "Termo", ["pt"] = string.Empty };

    [Theory]
    [InlineData("es-MX", "Termo", "es")]
    [InlineData("ES", "Termo", "ES")]
    [InlineData("fr", "Vacuum flask", "en")]
    [InlineData("pt-BR", "Vacuum flask", "en")]
    [InlineData(null, "Vacuum flask", "en")]
    public void TheBuyersLanguage_ThenEnglish(string? language, string text, string source)
        => Assert.Equal((text, source), ForWithSource(language));

    [Fact]
    public void WithoutEnglish_Chinese_ThenAnything()
    {
        Assert.Equal("保温杯", new LocalizedText { ["ru"] = "Термос", ["zh"] = "保温杯" }.For("fr"));
        Assert.Equal("Термос", new LocalizedText { ["ru"] = "Термос" }.For("fr"));
        Assert.Null(new LocalizedText().For("fr"));
    }

    private static (string?, string?) ForWithSource(string? language) => Title.ForWithSource(language);
}
