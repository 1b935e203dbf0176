using LiveAssist.Translation.Offline;

namespace LiveAssist.Translation.Tests.Offline;

/// <summary>Without any engine a buyer still gets vetted sentences, and is told when a line is only word by word or not translated.</summary>
public sealed class OfflineTranslatorTests
{
    private static OfflineTranslator Translator()
    {
        var memory = new TranslationMemory();
        memory.Add(new Dictionary<string, string> { ["zh"] = "包邮。", ["en"] = "Free shipping." });
        memory.Add(new Dictionary<string, string> { ["zh"] = "今天下单。", ["en"] = "Order today." });
        return new OfflineTranslator(memory, ChineseDictionary.Load(cedictPath: null));
    }

    [Fact]
    public async Task SentencesTheMemoryKnows_AreTranslatedAsVetted_OneByOne()
    {
        var result = await Translator().TranslateAsync("包邮。今天下单。", "zh-CN", "en-US", CancellationToken.None);
        Assert.Equal("Free shipping. Order today.", result.Text);
        Assert.Equal(OfflineTranslator.MemoryEngine, result.Engine);
        Assert.False(result.IsDraft);
        Assert.True(result.IsTranslated);
    }

    [Fact]
    public async Task TheSameLanguage_IsLeftAsSaid()
    {
        var result = await Translator().TranslateAsync("包邮。", "zh-CN", "zh-TW", CancellationToken.None);
        Assert.Equal("包邮。", result.Text);
        Assert.Empty(result.Flags);
    }

    [Fact]
    public async Task ALineNothingCanTranslate_IsFlaggedUntranslated_NotPassedOffAsATranslation()
    {
        var result = await Translator().TranslateAsync("Hola, ¿cuánto cuesta?", "es", "en", CancellationToken.None);
        Assert.False(result.IsTranslated);
        Assert.Contains(TranslationFlags.Untranslated, result.Flags);
        Assert.True(result.IsDraft);
    }

    [Fact]
    public async Task AKnownSentenceBesideAnUnknownOne_IsPartial()
    {
        var result = await Translator().TranslateAsync("Free shipping. Gracias.", "en", "zh", CancellationToken.None);
        Assert.StartsWith("包邮", result.Text, StringComparison.Ordinal);
        Assert.Contains(TranslationFlags.Partial, result.Flags);
    }
}
