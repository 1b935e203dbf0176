using LiveAssist.Dialogs.Content;
using LiveAssist.Dialogs.Flows;
using LiveAssist.Dialogs.Locales;
using LiveAssist.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Host.IntegrationTests.Dialogs;

/// <summary>Every file shipped in dialogs/ and locales/ loads, validates with the host's real operations, and is in force.</summary>
public sealed class ShippedContentTests
{
    [Fact]
    public async Task EveryShippedFile_ValidatesWithoutErrors_AndIsInForce()
    {
        await using var factory = new LiveAssistFactory();
        var store = factory.Services.GetRequiredService<DialogContentStore>();
        var builder = factory.Services.GetRequiredService<DialogContentBuilder>();
        var onDisk = new ContentFiles(RepoPaths.Dialogs, RepoPaths.Locales).ReadAll();

        var build = builder.Build(onDisk);

        Assert.True(build.Succeeded, string.Join(Environment.NewLine, build.Errors));
        Assert.Empty(store.Rejected);
        var shippedFiles = Directory.EnumerateFiles(RepoPaths.Dialogs, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(f => "dialogs/" + Path.GetFileName(f))
            .Concat(Directory.EnumerateFiles(RepoPaths.Locales, "*.json", SearchOption.AllDirectories).Select(f => "locales/" + Path.GetRelativePath(RepoPaths.Locales, f).Replace('\\', '/')))
            .ToList();
        Assert.True(shippedFiles.Count >= 30, "expected the shipped flows and every language's texts");
        Assert.All(shippedFiles, path => Assert.True(store.Current.Files.ContainsKey(path), $"{path} is not in force"));
        Assert.Contains(store.Current.Flows, f => f.Id == "quote-request");
        Assert.Contains(store.Current.Flows, f => f.Id == "product-question");
    }

    [Fact]
    public async Task EveryTextAFlowNames_ExistsInEnglishAndChinese()
    {
        await using var factory = new LiveAssistFactory();
        var content = factory.Services.GetRequiredService<DialogContentStore>().Current;
        var keys = content.Flows.SelectMany(f => f.Steps).SelectMany(s => new[] { s.Text, s.RetryText }.Concat(s.Choices)).OfType<string>().Distinct().ToList();

        Assert.NotEmpty(keys);
        foreach (var language in new[] { "en", "zh" })
        {
            Assert.All(keys, key => Assert.True(content.TextTable[language].ContainsKey(key), $"locales/{language} has no '{key}'"));
        }
    }

    [Fact]
    public async Task MissingTextsReport_ListsWhatEachLanguageStillNeeds()
    {
        await using var factory = new LiveAssistFactory();
        var content = factory.Services.GetRequiredService<DialogContentStore>().Current;

        var missing = LocaleTexts.MissingKeys(content.TextTable, "en");

        // Every language lists exactly the English keys it lacks; each language's own quote texts are complete.
        foreach (var (language, keys) in missing)
        {
            Assert.Equal(content.TextTable["en"].Keys.Where(k => !content.TextTable[language].ContainsKey(k)).Order(StringComparer.Ordinal), keys);
            Assert.DoesNotContain("quote.askQty", keys);
        }

        // A key one language lacks is reported for it, and that language is answered in English meanwhile.
        var withoutOne = content.TextTable.ToDictionary(l => l.Key, l => l.Key == "ru"
            ? (IReadOnlyDictionary<string, string[]>)l.Value.Where(t => t.Key != "quote.qtyRetry").ToDictionary()
            : l.Value);
        Assert.Equal(["quote.qtyRetry"], LocaleTexts.MissingKeys(withoutOne, "en")["ru"].Except(missing["ru"]));
        Assert.Equal(content.Texts.Get("en", "quote.qtyRetry"), new LocaleTexts(withoutOne, ["en", "zh"]).Get("ru", "quote.qtyRetry"));
    }
}
