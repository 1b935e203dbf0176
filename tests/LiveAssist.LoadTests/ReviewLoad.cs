using System.Diagnostics;
using System.Text.Json;
using LiveAssist.Catalog.Client;
using LiveAssist.Review;
using LiveAssist.Review.Catalog;
using LiveAssist.Review.Rules;
using LiveAssist.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveAssist.LoadTests;

/// <summary>
/// The compliance review of one final host line, in process: every shipped pack, the catalog checks against the product
/// on screen (facts already cached, as on a live), clause editing. The host lines of the review tests, round and round.
/// </summary>
internal static class ReviewLoad
{
    public static (double PerSecond, LatencyRecorder Latency) Run(TimeSpan warmup, TimeSpan duration)
    {
        var packs = Directory.EnumerateFiles(RepoPaths.Review, "*.json").Order(StringComparer.Ordinal)
            .Select(f => RulePackReader.ReadPack("review/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var options = Options.Create(new ReviewOptions());
        var reviewer = new LineReviewer(ReviewRules.Of(packs),
            new ProductFacts(new ServiceCollection().BuildServiceProvider(), options, TimeProvider.System, NullLogger<ProductFacts>.Instance), options);
        var product = Product("YW-100234");
        var lines = new[] { "host-lines-heldout.json", "host-lines-fresh.json" }
            .SelectMany(f => JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "LiveAssist.Host.IntegrationTests", "Review", f)))
                .RootElement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()!)).ToArray();
        string[] languages = ["en", "de", "es", "fr", "ru", "ar", "zh"];

        var latency = new LatencyRecorder();
        var clock = Stopwatch.StartNew();
        var end = warmup + duration;
        long done = 0;
        for (var i = 0; clock.Elapsed < end; i++)
        {
            var line = lines[i % lines.Length];
            var start = Stopwatch.GetTimestamp();
            var review = reviewer.ReviewSource(line, "zh", languages, product, final: true);
            _ = reviewer.ReviewCaption("en", review.Carried, final: true); // the caption-language pass (on the Chinese here: a miss, the usual case)
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (clock.Elapsed > warmup)
            {
                latency.Record(elapsed);
                done++;
            }
        }

        return (done / duration.TotalSeconds, latency);
    }

    private static Product Product(string id)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "LiveAssist.Catalog.Service", "Data", "sample-catalog.json")));
        var json = document.RootElement.EnumerateArray().First(p => p.GetProperty("id").GetString() == id).GetRawText();
        return JsonSerializer.Deserialize<Product>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
