using LiveAssist.Engines.OpenAi;
using LiveAssist.Translation;

namespace LiveAssist.Engines.OpenAi.Tests;

/// <summary>A chat model is told the languages, the figures rule and the live's glossary, and its reply is read leniently but only for asked languages.</summary>
public sealed class ChatTranslationPromptTests
{
    [Fact]
    public void ThePrompt_NamesEveryLanguage_AndOnlyTheGlossaryTermsInTheLine()
    {
        var glossary = new List<SessionTerm>
        {
            new("晨光", new Dictionary<string, string> { ["en"] = "M&G" }),
            new("保温杯", null),
        };
        var request = new CaptionTranslationRequest("晨光的杯子", "zh-CN", ["en", "es"], new SessionTerms(glossary, []));

        var prompt = ChatTranslationPrompt.System(request);

        Assert.Contains("'zh-CN' into each of these languages: en, es.", prompt, StringComparison.Ordinal);
        Assert.Contains("- \"晨光\" | en: \"M&G\" | es: \"晨光\"", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("保温杯", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void OnALiveThatCountsInDollars_TheModelIsToldKuaiIsNotYuan()
    {
        var request = new CaptionTranslationRequest("两块一个", "zh", ["en"], SessionTerms.Empty) { SpokenCurrency = "USD" };
        Assert.Contains("in USD on this live", ChatTranslationPrompt.System(request), StringComparison.Ordinal);
        Assert.DoesNotContain("on this live", ChatTranslationPrompt.System(request with { SpokenCurrency = "CNY" }), StringComparison.Ordinal);
    }

    [Fact]
    public void AReplyInACodeFence_IsRead_AndLanguagesNotAskedForOrEmptyAreLeftOut()
    {
        const string Reply = "Sure!\n```json\n{\"EN\": \" Two each \", \"es\": \"\", \"de\": \"Zwei\", \"fr\": 3}\n```";
        var found = ChatTranslationPrompt.ParseReply(Reply, ["en", "es", "fr"]);
        Assert.Equal("Two each", Assert.Single(found, p => p.Key == "en").Value);
        Assert.Single(found);
    }

    [Fact]
    public void AReplyWithNoObject_IsNoTranslation()
        => Assert.Empty(ChatTranslationPrompt.ParseReply("I cannot help with that.", ["en"]));
}
