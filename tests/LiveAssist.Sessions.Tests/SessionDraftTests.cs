namespace LiveAssist.Sessions.Tests;

/// <summary>Starting a live: what the merchant sends is bounded and tidied, and a refused request saves nothing.</summary>
public sealed class SessionDraftTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static CreateSessionRequest Request(string? title = "Spring cups", List<string>? targets = null, List<GlossaryEntry>? glossary = null,
        List<string>? products = null, string? currency = null)
        => new(title, null, "zh-CN", targets ?? ["en", "es-MX"], glossary, null, Currency: currency, ProductIds: products);

    [Fact]
    public void AGoodRequest_BecomesALiveSession_WithTidiedLanguagesAndProducts()
    {
        var (session, problem) = SessionDraft.Build(
            Request(title: "  Spring cups  ", targets: ["en", " EN ", "es-MX", ""], products: [" YW-100234", "yw-100234", "YW-100306", " "], currency: "usd"),
            new SessionsOptions(), Now);

        Assert.Null(problem);
        Assert.NotNull(session);
        Assert.Equal("Spring cups", session.Title);
        Assert.Equal(["en", "es-MX"], session.TargetLanguages);
        Assert.Equal(["YW-100234", "YW-100306"], session.ProductList);
        Assert.Equal("USD", session.Currency);
        Assert.Equal(Now, session.CreatedAt);
        Assert.True(session.IsLive);
        Assert.StartsWith("ls-", session.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoLives_NeverShareAnId()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => SessionDraft.Build(Request(), new SessionsOptions(), Now).Session!.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("klingon-KL")]
    public void ALanguageTheHostDoesNotCaptionInto_IsRefused_AndNamed(string language)
    {
        var (session, problem) = SessionDraft.Build(Request(targets: ["en", language]), new SessionsOptions(), Now);
        Assert.Null(session);
        Assert.Equal(400, problem!.Status);
        Assert.Contains(language, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AGlossaryOverTheConfiguredLimit_IsRefused_SayingHowManyWereSent()
    {
        var options = new SessionsOptions { MaxGlossaryEntries = 2 };
        var glossary = Enumerable.Range(0, 3).Select(i => new GlossaryEntry($"词{i}", null)).ToList();

        var (session, problem) = SessionDraft.Build(Request(glossary: glossary), options, Now);

        Assert.Null(session);
        Assert.Contains("(3 sent)", problem!.Detail, StringComparison.Ordinal);
        Assert.NotNull(SessionDraft.Build(Request(glossary: glossary.GetRange(0, 2)), options, Now).Session);
    }

    [Fact]
    public void EmptyTranslationCells_AreLeftForThePreparer_AndRegionalKeysBecomeLanguages()
    {
        var glossary = new List<GlossaryEntry> { new(" 保温杯 ", new Dictionary<string, string> { ["en-US"] = " thermos cup ", ["es"] = "  " }) };

        var session = SessionDraft.Build(Request(glossary: glossary), new SessionsOptions(), Now).Session!;

        var entry = Assert.Single(session.Glossary);
        Assert.Equal("保温杯", entry.Source);
        Assert.Equal("thermos cup", Assert.Single(entry.Translations!, t => t.Key == "en").Value);
        Assert.False(entry.Translations!.ContainsKey("es"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void ALiveWithoutATitle_IsRefused(string? title)
        => Assert.Null(SessionDraft.Build(Request(title: title), new SessionsOptions(), Now).Session);

    [Theory]
    [InlineData("US")]
    [InlineData("dollars")]
    [InlineData("U$D")]
    public void ACurrencyThatIsNotThreeLetters_IsIgnored_NotGuessed(string currency)
    {
        var session = SessionDraft.Build(Request(currency: currency), new SessionsOptions(), Now).Session!;
        Assert.Null(session.Currency);
    }
}
