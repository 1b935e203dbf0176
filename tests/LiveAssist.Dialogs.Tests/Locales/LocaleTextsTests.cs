using LiveAssist.Dialogs.Locales;

namespace LiveAssist.Dialogs.Tests.Locales;

public sealed class LocaleTextsTests
{
    private static readonly LocaleTexts Texts = new(
        new Dictionary<string, IReadOnlyDictionary<string, string[]>>
        {
            ["en"] = new Dictionary<string, string[]> { ["hi"] = ["Hello {name}"], ["onlyEn"] = ["English only"], ["moq"] = ["MOQ is {qty} pieces"] },
            ["es"] = new Dictionary<string, string[]> { ["hi"] = ["Hola {name}"] },
            ["zh"] = new Dictionary<string, string[]> { ["hi"] = ["你好{name}"], ["onlyZh"] = ["只有中文"] },
        },
        ["en", "zh"]);

    [Theory]
    [InlineData("es-MX", "hi", "Hola Ana")]
    [InlineData("es", "hi", "Hola Ana")]
    [InlineData("es-MX", "onlyEn", "English only")]
    [InlineData("fr-FR", "hi", "Hello Ana")]
    [InlineData(null, "hi", "Hello Ana")]
    [InlineData("es", "onlyZh", "只有中文")]
    public void Get_FallsBackRegionThenLanguageThenEnThenZh(string? locale, string key, string expected)
        => Assert.Equal(expected, Texts.Get(locale, key, new Dictionary<string, object?> { ["name"] = "Ana" }));

    [Fact]
    public void Get_NumbersFormattedForTheLocale()
    {
        Assert.Equal("MOQ is 3,000 pieces", Texts.Get("en-US", "moq", new Dictionary<string, object?> { ["qty"] = 3000 }));
        Assert.Equal("MOQ is 1,234.5 pieces", Texts.Get(null, "moq", new Dictionary<string, object?> { ["qty"] = 1234.5 }));
        Assert.Equal("MOQ is 1.234,5 pieces", Texts.Get("de-DE", "moq", new Dictionary<string, object?> { ["qty"] = 1234.5 }));
    }

    [Fact]
    public void Get_UnknownSlotStaysVisible()
        => Assert.Equal("Hello {name}", Texts.Get("en", "hi", new Dictionary<string, object?> { ["other"] = 1 }));

    [Fact]
    public void Get_KeyInNoLanguage_Throws()
        => Assert.Throws<KeyNotFoundException>(() => Texts.Get("en", "missing"));

    [Fact]
    public void Load_BrokenFile_ErrorNamesTheFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "locales-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "en"));
        File.WriteAllText(Path.Combine(dir, "en", "bad.json"), """{ "a": 5 }""");

        var error = Assert.Throws<InvalidDataException>(() => LocaleTexts.Load(dir, ["en"]));

        Assert.Contains("bad.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("¿Tienen stock en Dubái?", "es")]
    [InlineData("Qual o preço para 3000 unidades?", "pt")]
    [InlineData("Combien pour 500 pièces ?", "fr")]
    [InlineData("Какая минимальная партия?", "ru")]
    [InlineData("ما هو الحد الأدنى للطلب؟", "ar")]
    [InlineData("这个多少钱", "zh")]
    [InlineData("How much for 3000 pcs?", "en")]
    [InlineData("Vocês fazem logo? Qual o frete para o Brasil?", "pt")]
    [InlineData("¿Cuál es el precio para 3000 piezas?", "es")]
    [InlineData("12345", null)]
    public void LanguageGuesser_GuessesFromScriptAndCommonWords(string text, string? expected)
        => Assert.Equal(expected, LanguageGuesser.Guess(text));
}
