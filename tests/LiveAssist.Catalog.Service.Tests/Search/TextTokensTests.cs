using LiveAssist.Catalog.Service.Search;

namespace LiveAssist.Catalog.Service.Tests.Search;

/// <summary>How buyer words meet catalog words: Chinese without a dictionary, plurals and Russian endings ignored, accents folded.</summary>
public sealed class TextTokensTests
{
    [Fact]
    public void AChineseRun_BecomesOverlappingPairs_SoAWordInsideItIsFound()
    {
        Assert.Equal(["保温", "温杯"], TextTokens.Split("保温杯"));
        Assert.Contains("温杯", TextTokens.Split("不锈钢保温杯500ml"));
        Assert.Contains("500ml", TextTokens.Split("不锈钢保温杯500ml"));
    }

    [Fact]
    public void LatinWords_AreLowercasedAndSplitAtPunctuation()
        => Assert.Equal(["stainless", "steel", "cup", "500ml"], TextTokens.Split("Stainless-Steel CUP, 500ml!"));

    [Theory]
    [InlineData("cups", "cup")]
    [InlineData("boxes", "box")]
    [InlineData("cajas", "caja")]
    [InlineData("bottles", "bottle")]
    [InlineData("shoes", "shoe")]
    [InlineData("plates", "plate")]
    [InlineData("glasses", "glass")]
    [InlineData("llaves", "llave")]
    [InlineData("colores", "color")]
    [InlineData("bouteilles", "bouteille")]
    [InlineData("мишки", "мишка")]
    [InlineData("плюшевого", "плюшевый")]
    public void APluralOrAnotherEnding_FindsTheSameProducts(string asked, string listed)
        => Assert.Equal(TextTokens.Stem(listed), TextTokens.Stem(asked));

    [Theory]
    [InlineData("glass")]
    [InlineData("gas")]
    public void WordsThatOnlyLookPlural_AreKept(string word) => Assert.Equal(word, TextTokens.Stem(word));

    [Fact]
    public void Accents_AreFolded_ButArabicMarksAreKept()
    {
        Assert.Equal("magneticas", TextTokens.Fold("Magnéticas"));
        Assert.Equal(TextTokens.Fold("mínimo"), TextTokens.Fold("minimo"));
        Assert.Equal("كُوب", TextTokens.Fold("كُوب"));
    }
}
