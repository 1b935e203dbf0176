using LiveAssist.Engines.Azure.Translator;
using LiveAssist.Translation;

namespace LiveAssist.Engines.Azure.Tests.Translator;

/// <summary>How a caption becomes Translator requests: the merchant's glossary is honoured, long lines are cut where a reader would pause, nothing is lost.</summary>
public sealed class TranslatorRequestPlanTests
{
    private static CaptionTranslationRequest Request(string text, string[] to, params SessionTerm[] glossary)
        => new(text, "zh-CN", to, new SessionTerms(glossary, []));

    [Fact]
    public void OneCaption_IsOneRequestForAllLanguages_WhenTheGlossaryDoesNotSplitThem()
    {
        var plan = TranslatorRequestPlan.Create(Request("这款保温杯一块八一个。", ["en", "es", "fr"]), 50_000, 1000);
        var batch = Assert.Single(plan.Batches);
        Assert.Equal(["en", "es", "fr"], batch.Targets);
        Assert.Equal("这款保温杯一块八一个。", string.Concat(batch.Pieces));
        Assert.Equal(batch.Pieces.Sum(p => p.Length) * 3, batch.BilledCharacters);
    }

    [Fact]
    public void GlossaryTerms_GoInAsDictionaryMarkup_WithTheLanguagesRendering_Escaped()
    {
        var term = new SessionTerm("晨光", new Dictionary<string, string> { ["en"] = "M&G \"Chenguang\"" });
        var plan = TranslatorRequestPlan.Create(Request("欢迎来到晨光直播间", ["en"], term), 50_000, 1000);
        var piece = Assert.Single(Assert.Single(plan.Batches).Pieces);
        Assert.Equal("欢迎来到<mstrans:dictionary translation=\"M&amp;G &quot;Chenguang&quot;\">晨光</mstrans:dictionary>直播间", piece);
    }

    [Fact]
    public void LanguagesWhoseGlossaryRenderingsDiffer_GetSeparateRequests()
    {
        var term = new SessionTerm("晨光", new Dictionary<string, string> { ["en"] = "M&G", ["es"] = "M&G" });
        var plan = TranslatorRequestPlan.Create(Request("晨光的杯子", ["en", "es", "ru"], term), 50_000, 1000);
        Assert.Equal(2, plan.Batches.Count);
        Assert.Contains(plan.Batches, b => b.Targets.SequenceEqual(["en", "es"]));
        Assert.Contains(plan.Batches, b => b.Targets.SequenceEqual(["ru"]) && b.Pieces[0].Contains("translation=\"晨光\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ATermInAnotherLine_DoesNotSplitTheRequest()
    {
        var term = new SessionTerm("晨光", new Dictionary<string, string> { ["en"] = "M&G" });
        Assert.Single(TranslatorRequestPlan.Create(Request("一块八一个", ["en", "es"], term), 50_000, 1000).Batches);
    }

    [Fact]
    public void ALongLine_IsCutAtSentenceEnds_WithinTheBudget_AndLosesNoCharacter()
    {
        var text = string.Concat(Enumerable.Range(1, 40).Select(i => $"第{i}款杯子，价格很优惠。"));
        var plan = TranslatorRequestPlan.Create(Request(text, ["en", "es"]), maxRequestChars: 200, maxElements: 3);

        var pieces = plan.Batches.SelectMany(b => b.Pieces).ToList();
        Assert.Equal(text, string.Concat(pieces));
        Assert.All(pieces, p => Assert.EndsWith("。", p, StringComparison.Ordinal));
        Assert.All(plan.Batches, b => Assert.InRange(b.Pieces.Sum(p => p.Length), 1, 100)); // 200 characters × targets
        Assert.All(plan.Batches, b => Assert.InRange(b.Pieces.Count, 1, 3));
    }

    [Fact]
    public void Split_NeverCutsACharacterInTwo()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 30));
        var pieces = TranslatorRequestPlan.Split(text, 7);
        Assert.Equal(text, string.Concat(pieces));
        Assert.All(pieces, p => Assert.False(char.IsHighSurrogate(p[^1]), "a piece ends inside an emoji"));
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 7));
    }
}
