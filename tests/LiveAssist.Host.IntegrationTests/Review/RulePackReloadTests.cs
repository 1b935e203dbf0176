using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.Review;

/// <summary>Rule packs are content like flows: an edit is live for the next line, a broken one is refused with its line and the last good pack keeps serving.</summary>
public sealed class RulePackReloadTests
{
    [Fact]
    public async Task BrokenRuleFile_IsRefusedWithItsLine_AndTheLastGoodPackKeepsServing_ThenAFixIsLiveForTheNextLine()
    {
        var (root, settings) = RepoPaths.CopyContent();
        var all = settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        all["Dialogs:ReloadIntervalMs"] = "100";
        await using var factory = new LiveAssistFactory(all);
        var client = factory.CreateClient();
        var (id, key) = await ReviewHost.StartLiveAsync(client, ["en"], "YW-100234");
        var overlay = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");
        var said = 0;
        async Task<IReadOnlyList<string>> RulesOfAsync(string line)
        {
            await CaptionSessions.SayAsync(client, id, key, line, final: true, said * 4000L, said * 4000L + 3000);
            said++;
            await overlay.WaitUntilAsync(r => r.Captions("final").Count == said, $"caption {said}");
            return ReviewHost.Rules(overlay.Captions("final")[^1]);
        }

        Assert.Contains("cn-absolute", await RulesOfAsync("全网最低价，一块八毛五一个。"));

        // A regex that does not compile, on a line we know.
        var path = Path.Combine(root, "review", "cn-advertising-law.json");
        var good = File.ReadAllText(path);
        var broken = good.Replace("\"regex\": [\"最(?:好", "\"regex\": [\"最((?:好", StringComparison.Ordinal);
        Assert.NotEqual(good, broken);
        var brokenLine = broken[..broken.IndexOf("最((?:好", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        File.WriteAllText(path, broken);

        JsonElement rejected = default;
        Assert.True(await Poll.UntilAsync(async () =>
        {
            var review = await ReviewHost.GetReviewAsync(client, id, key);
            var list = review.GetProperty("rules").GetProperty("rejected").EnumerateArray().ToList();
            rejected = list.FirstOrDefault(r => r.GetProperty("path").GetString() == "review/cn-advertising-law.json");
            return rejected.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(10)), "the broken pack was not refused");
        Assert.Equal(brokenLine, rejected.GetProperty("line").GetInt32());
        var message = rejected.GetProperty("message").GetString()!;
        Assert.StartsWith($"第 {brokenLine} 行", message, StringComparison.Ordinal); // Chinese first, with the line
        Assert.Contains("正则表达式无法编译", message, StringComparison.Ordinal);
        Assert.Contains("上一个正确版本继续生效", rejected.GetProperty("inForce").GetString()!, StringComparison.Ordinal);

        // The last good pack keeps serving.
        Assert.Contains("cn-absolute", await RulesOfAsync("全网最低价，一块八毛五一个。"));

        // A fixed file with a new term is live for the next line, and the refusal is gone.
        File.WriteAllText(path, good.Replace("\"国家级\",", "\"国家级\", \"封神\",", StringComparison.Ordinal));
        Assert.True(await Poll.UntilAsync(async () =>
        {
            var review = await ReviewHost.GetReviewAsync(client, id, key);
            return review.GetProperty("rules").GetProperty("rejected").GetArrayLength() == 0;
        }, TimeSpan.FromSeconds(10)), "the fixed pack was not taken");
        Assert.Contains("cn-absolute", await RulesOfAsync("这款杯子直接封神。"));
        await overlay.DisposeAsync();
    }

    [Fact]
    public void ShippedRulePacks_AllRead_WithEveryRuleCitingItsSource()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Review, "*.json"))
        {
            var pack = LiveAssist.Review.Rules.RulePackReader.ReadPack("review/" + Path.GetFileName(file), File.ReadAllText(file));
            Assert.NotEmpty(pack.Rules);
            Assert.All(pack.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        }
    }

    [Theory]
    [InlineData("这款销量全国第一。", "block", "")]
    [InlineData("据中国轻工业联合会2024年统计，这款销量全国第一。", "warn", "据中国轻工业联合会2024年统计，这款销量全国第一。")]
    [InlineData("根据天猫2025年双十一榜单，保温杯类目排名第一。", "warn", "根据天猫2025年双十一榜单，保温杯类目排名第一。")]
    [InlineData("据说这款是全网第一。", "block", "")]
    public void AbsoluteClaimWithACitedSource_IsAWarningAndCarried_WithoutOneItIsBlocked(string line, string severity, string carried)
    {
        var packs = Directory.EnumerateFiles(RepoPaths.Review, "*.json")
            .Select(f => LiveAssist.Review.Rules.RulePackReader.ReadPack("review/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var options = Microsoft.Extensions.Options.Options.Create(new LiveAssist.Review.ReviewOptions());
        var reviewer = new LiveAssist.Review.LineReviewer(LiveAssist.Review.ReviewRules.Of(packs),
            new LiveAssist.Review.Catalog.ProductFacts(Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(new Microsoft.Extensions.DependencyInjection.ServiceCollection()), options, TimeProvider.System,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<LiveAssist.Review.Catalog.ProductFacts>.Instance), options);

        var review = reviewer.ReviewSource(line, "zh", ["en"], product: null, final: true);

        var finding = Assert.Single(review.Findings, f => f.Rule == "cn-absolute");
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(carried, review.Carried);
        if (severity == "warn")
        {
            Assert.Contains("出处", finding.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BrokenJson_IsRefusedWithItsLineInChinese()
    {
        var e = Assert.Throws<LiveAssist.Dialogs.Content.ContentException>(() => LiveAssist.Review.Rules.RulePackReader.ReadPack("review/x.json", "{\n  \"id\": \"x\",\n  \"rules\": [ { \"id\": \"a\" ]\n}"));
        var problem = e.Problems[0];
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("第 3 行", problem.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<LiveAssist.Dialogs.Content.ContentException>(() => LiveAssist.Review.Rules.RulePackReader.ReadPack("review/x.json",
            "{\n  \"id\": \"x\",\n  \"rules\": [\n    { \"id\": \"a\", \"source\": \"s\", \"jurisdictions\": [\"CN\"], \"severity\": \"stop\",\n      \"explanation\": \"e\", \"suggestion\": \"s\", \"patterns\": { \"zh\": { \"terms\": [\"最好\"] } } }\n  ]\n}"));
        Assert.Contains(missing.Problems, p => p.Line == 4 && p.Message.Contains("severity 只能是", StringComparison.Ordinal));
    }
}
