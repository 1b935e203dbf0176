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

        // Spanish, Portuguese, French and Chinese carry the quote flow's texts; Russian does not yet, and is answered in English meanwhile.
        Assert.DoesNotContain("quote.askQty", missing["es"]);
        Assert.Contains("quote.askQty", missing["ru"]);
        Assert.DoesNotContain("quote.askQty", missing["pt"]);
        Assert.Equal(
            content.TextTable["en"].Keys.Count(k => !content.TextTable["ru"].ContainsKey(k)),
            missing["ru"].Count);
        Assert.Equal(content.Texts.Get("en", "quote.qtyRetry"), content.Texts.Get("ru", "quote.qtyRetry"));
    }
}
