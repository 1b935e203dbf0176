using System.Globalization;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.Dialogs.Tests.Locales;

public sealed class TextTemplateTests
{
    private const string Pieces = "{qty, plural, =0 {no pieces} one {# piece} other {# pieces}} left";
    private const string Russian = "{qty, plural, one {# штука} few {# штуки} many {# штук} other {# штуки}}";
    private const string Arabic = "{qty, plural, zero {لا قطع} one {قطعة واحدة} two {قطعتان} few {# قطع} many {# قطعة} other {# قطعة}}";

    [Theory]
    [InlineData("en", 0, "no pieces left")]
    [InlineData("en", 1, "1 piece left")]
    [InlineData("en", 3000, "3,000 pieces left")]
    [InlineData("es", 3000, "3.000 pieces left")]
    public void Plural_ChoosesTheFormAndFormatsTheNumberForTheLanguage(string language, int qty, string expected)
        => Assert.Equal(expected, TextTemplate.Fill(Pieces, new Dictionary<string, object?> { ["qty"] = qty }, language, CultureInfo.GetCultureInfo(language)));

    [Theory]
    [InlineData(1, "1 штука")]
    [InlineData(21, "21 штука")]
    [InlineData(3, "3 штуки")]
    [InlineData(12, "12 штук")]
    [InlineData(25, "25 штук")]
    [InlineData(111, "111 штук")]
    public void Plural_RussianHasOneFewMany(int qty, string expected)
        => Assert.Equal(expected, TextTemplate.Fill(Russian, new Dictionary<string, object?> { ["qty"] = qty }, "ru", CultureInfo.GetCultureInfo("ru")));

    [Theory]
    [InlineData(0, "لا قطع")]
    [InlineData(1, "قطعة واحدة")]
    [InlineData(2, "قطعتان")]
    [InlineData(5, "5 قطع")]
    [InlineData(11, "11 قطعة")]
    public void Plural_ArabicHasSixForms(int qty, string expected)
        => Assert.Equal(expected, TextTemplate.Fill(Arabic, new Dictionary<string, object?> { ["qty"] = qty }, "ar", CultureInfo.InvariantCulture));

    [Fact]
    public void Plural_OtherSlotsInsideTheChoiceAreFilled()
        => Assert.Equal("2 flasks for Ana", TextTemplate.Fill("{n, plural, one {# flask for {name}} other {# flasks for {name}}}",
            new Dictionary<string, object?> { ["n"] = 2, ["name"] = "Ana" }, "en", CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("{qty, plural, one {# piece}}", "other")]
    [InlineData("Hello {name", "never closed")]
    [InlineData("Hello name}", "no matching")]
    [InlineData("{qty, select, a {x} other {y}}", "only 'plural'")]
    public void Problem_ExplainsAMalformedTemplate(string template, string expected)
        => Assert.Contains(expected, TextTemplate.Problem(template), StringComparison.Ordinal);

    [Fact]
    public void Problem_NoneForAGoodTemplate()
        => Assert.Null(TextTemplate.Problem(Pieces));
}
