using System.Diagnostics;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Translation.Offline;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiveAssist.Host.IntegrationTests.Translation;

/// <summary>
/// A burst of unscripted lines with Apertium on (scripts/test.sh installs the pairs): every line is captioned
/// in every language through long-lived null-flush pipelines, not a process start per line. The elapsed time is
/// printed for docs/benchmarks.md, never asserted.
/// </summary>
public sealed class ApertiumBurstTests(ITestOutputHelper output)
{
    private static readonly string[] Languages = ["en", "es", "pt", "fr", "ru", "ar"];

    [Fact]
    public async Task BurstOfTwentyDraftLines_CaptionedInEveryLanguage_ThroughPipelinesStartedOnce()
    {
        Assert.True(File.Exists("/usr/share/apertium/modes/eng-spa.mode"), "Apertium's eng-spa pair is missing: run scripts/test.sh");
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, Languages, showDrafts: true);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, Languages);
        await CaptionSessions.SayAsync(client, id, key, "仓库里的杯子昨天刚到。", final: true); // warm-up: the pipelines start here
        await streams["fr"].WaitUntilAsync(r => r.Captions("final").Count == 1, "the warm-up line");
        var apertium = factory.Services.GetRequiredService<Apertium>();
        var startsBefore = apertium.PipelineStarts;

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            await CaptionSessions.SayAsync(client, id, key, $"仓库里的杯子第{i + 1}批昨天刚到，老板说质量不错。", final: true);
        }

        foreach (var lang in Languages)
        {
            await streams[lang].WaitUntilAsync(r => r.Captions("final").Count == 21, $"21 {lang} captions", seconds: 120);
        }

        var elapsed = clock.ElapsedMilliseconds;
        output.WriteLine($"20-line burst, {Languages.Length} languages, Apertium on: last caption {elapsed} ms after the first line was posted");
        foreach (var lang in new[] { "es", "pt", "fr" })
        {
            Assert.All(streams[lang].Captions("final").Skip(1), c => Assert.Equal("offline-apertium", c.GetProperty("engine").GetString()));
        }

        Assert.Equal(startsBefore, apertium.PipelineStarts); // no pipeline started (or restarted) during the burst
        Assert.InRange(startsBefore, 1, 3); // eng-spa, es-pt, es-fr: one each
        foreach (var stream in streams.Values)
        {
            await stream.DisposeAsync();
        }
    }
}
