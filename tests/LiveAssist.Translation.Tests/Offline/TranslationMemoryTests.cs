using LiveAssist.Translation.Offline;

namespace LiveAssist.Translation.Tests.Offline;

/// <summary>A vetted sentence is found however the host punctuates or spaces it, in any direction between its languages.</summary>
public sealed class TranslationMemoryTests
{
    private static TranslationMemory Memory()
    {
        var memory = new TranslationMemory();
        memory.Add(new Dictionary<string, string> { ["zh"] = "欢迎来到直播间！", ["en"] = "Welcome to the live room!", ["es"] = "¡Bienvenidos al directo!" });
        return memory;
    }

    [Theory]
    [InlineData("欢迎来到直播间！", "zh", "en", "Welcome to the live room!")]
    [InlineData("欢迎来到直播间", "zh", "es", "¡Bienvenidos al directo!")]
    [InlineData("  欢迎 来到 直播间。", "zh", "en", "Welcome to the live room!")]
    [InlineData("WELCOME TO THE LIVE ROOM", "en", "zh", "欢迎来到直播间！")]
    [InlineData("Ｗｅｌｃｏｍｅ to the live room", "en", "es", "¡Bienvenidos al directo!")]
    public void AKnownSentence_IsFound_IgnoringCasePunctuationSpacesAndFullWidth(string said, string from, string to, string expected)
        => Assert.Equal(expected, Memory().Find(said, from, to));

    [Fact]
    public void ASentenceItDoesNotKnow_OrALanguageTheEntryLacks_IsNotGuessed()
    {
        Assert.Null(Memory().Find("欢迎来到直播间，今天打折", "zh", "en"));
        Assert.Null(Memory().Find("欢迎来到直播间", "zh", "fr"));
        Assert.Null(Memory().Find("欢迎来到直播间", "en", "es")); // the Chinese sentence is not English
    }

    [Fact]
    public void ALaterEntryForTheSameSentence_WinsOverTheEarlierOne()
    {
        var memory = Memory();
        memory.Add(new Dictionary<string, string> { ["zh"] = "欢迎来到直播间", ["en"] = "Welcome to our stream!" }); // a session's script over the phrasebook
        Assert.Equal("Welcome to our stream!", memory.Find("欢迎来到直播间！", "zh", "en"));
    }
}
