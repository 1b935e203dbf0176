using LiveAssist.Presenter.Timings;

namespace LiveAssist.Presenter.Tests.Timings;

/// <summary>The mouth shape for each sound: lips close for p/b/m, rest for a pause, marks do not change the shape.</summary>
public sealed class VisemeMapTests
{
    [Fact]
    public void APause_IsAClosedMouth()
    {
        Assert.Equal(VisemeMap.Silence, VisemeMap.For(string.Empty));
        Assert.Equal(VisemeMap.Silence, VisemeMap.For("ˈ"));
    }

    [Fact]
    public void LipClosures_ShareOneShape_ThatIsNeitherSilenceNorAVowel()
    {
        var p = VisemeMap.For("p");
        Assert.Equal(p, VisemeMap.For("b"));
        Assert.Equal(p, VisemeMap.For("m"));
        Assert.NotEqual(VisemeMap.Silence, p);
        Assert.NotEqual(VisemeMap.For("a"), p);
    }

    [Theory]
    [InlineData("ˈa", "a")]
    [InlineData("aː", "a")]
    [InlineData("ˌi", "i")]
    [InlineData("ã", "a")]
    [InlineData("tʲ", "t")]
    [InlineData("a1", "a")]
    public void StressLengthAndDiacritics_DoNotChangeTheShape(string marked, string plain)
        => Assert.Equal(VisemeMap.For(plain), VisemeMap.For(marked));

    [Fact]
    public void Diphthongs_AndAffricates_TakeTheirOwnShape_NotTheirFirstLetters()
    {
        Assert.NotEqual(VisemeMap.For("a"), VisemeMap.For("aɪ"));
        Assert.NotEqual(VisemeMap.For("t"), VisemeMap.For("tʃ"));
        Assert.Equal(VisemeMap.For("ʃ"), VisemeMap.For("tʃ"));
    }

    [Fact]
    public void AnUnknownSound_GetsTheNeutralHalfOpenMouth()
        => Assert.Equal(VisemeMap.Neutral, VisemeMap.For("☃"));
}
