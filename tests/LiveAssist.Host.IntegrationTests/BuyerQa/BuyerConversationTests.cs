using System.Text.Json;
using System.Text.RegularExpressions;
using LiveAssist.Host.IntegrationTests.DirectLine;
using LiveAssist.Testing;
using Xunit.Abstractions;

namespace LiveAssist.Host.IntegrationTests.BuyerQa;

/// <summary>A live session on screen: #1 teddy bear, #2 hair clip, #3 (current) vacuum flask.</summary>
public sealed class LiveSessionFixture : IAsyncLifetime
{
    public const string Current = "YW-100234";

    public QaHost Host { get; private set; } = null!;

    public string SessionId { get; private set; } = null!;

    public string HostKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = QaHost.Start();
        (SessionId, HostKey) = await Host.CreateSessionAsync(Current, "YW-100306", "YW-100432");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// The multilingual buyer question set (buyer-questions.json, 7 languages) asked through the bot's pipeline
/// and, for a sample in every language, through Direct Line. Each answer must be the right locale text,
/// about the right product, with figures computed here from the sample catalog.
/// </summary>
public sealed partial class BuyerConversationTests(LiveSessionFixture live, ITestOutputHelper output) : IClassFixture<LiveSessionFixture>
{
    public static TheoryData<int, string, string> Questions()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var (q, i) in QuestionSet.Load("buyer-questions.json").Select((q, i) => (q, i)))
        {
            data.Add(i, q.Lang, q.Text);
        }

        return data;
    }

    // Two questions per language, the first and the sixth, go the Web Chat way.
    public static TheoryData<int, string, string> DirectLineSample()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var group in QuestionSet.Load("buyer-questions.json").Select((q, i) => (q, i)).GroupBy(x => x.q.Lang))
        {
            foreach (var (q, i) in group.Where((_, n) => n is 0 or 5))
            {
                data.Add(i, q.Lang, q.Text);
            }
        }

        return data;
    }

    [Fact]
    public void QuestionSet_CoversSevenLanguagesWithSixtyQuestions()
    {
        var set = QuestionSet.Load("buyer-questions.json");
        Assert.True(set.Count >= 60, $"{set.Count} questions");
        Assert.Equal(["ar", "en", "es", "fr", "pt", "ru", "zh"], set.Select(q => q.Lang).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task Pipeline_AnswersQuestion(int index, string lang, string text)
    {
        var question = QuestionSet.Load("buyer-questions.json")[index];
        var replies = await live.Host.AskAsync(text, lang, live.SessionId, conversation: $"set-{index}", user: $"buyer-{index}");

        var reply = await ChooseIfAskedAsync(question, Assert.Single(replies), $"set-{index}", $"buyer-{index}");
        await AssertAnswerAsync(question, reply);
    }

    /// <summary>
    /// Several products fit the words ("the tape measure": four of them): the bot asks which one with buttons. The
    /// meant one must be among them, and pressing it answers the question that was asked about it.
    /// </summary>
    private async Task<JsonElement> ChooseIfAskedAsync(BuyerQuestionCase question, JsonElement reply, string conversation, string user)
    {
        var offered = QaHost.OfferedChoices(reply);
        if (offered.Count == 0)
        {
            return reply;
        }

        var meant = offered.FirstOrDefault(id => id == question.Product || (question.TitleContains is { } t && SampleCatalog.TitleEn(id).Contains(t, StringComparison.OrdinalIgnoreCase)));
        Assert.True(meant is not null, $"“{question.Text}”: {string.Join(", ", offered)} offered, not {question.Product ?? question.TitleContains}");
        var answered = await live.Host.AskAsync(string.Empty, question.Lang, live.SessionId, conversation, user: user, value: new { action = "chooseProduct", productId = meant });
        return Assert.Single(answered);
    }

    [Theory]
    [MemberData(nameof(DirectLineSample))]
    public async Task DirectLine_AnswersQuestion(int index, string lang, string text)
    {
        var question = QuestionSet.Load("buyer-questions.json")[index];
        var dl = new DirectLineClient(live.Host.Client);
        var credentials = await dl.ChatTokenAsync(lang);
        var token = credentials.GetProperty("token").GetString()!;
        var conversation = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;
        var (_, watermark) = await dl.GetActivitiesAsync(token, conversation);

        var posted = await dl.PostMessageAsync(token, conversation, text, credentials.GetProperty("userId").GetString()!, lang, live.SessionId);
        var (activities, _) = await dl.GetActivitiesAsync(token, conversation, watermark);

        var reply = Assert.Single(activities, a => a.TryGetProperty("replyToId", out var r) && r.GetString() == posted);
        if (QaHost.OfferedChoices(reply) is { Count: > 0 } offered)
        {
            // Asked which one: the meant product must be offered (choosing is covered through the pipeline test).
            Assert.Contains(offered, id => id == question.Product || (question.TitleContains is { } t && SampleCatalog.TitleEn(id).Contains(t, StringComparison.OrdinalIgnoreCase)));
            return;
        }

        await AssertAnswerAsync(question, reply);
    }

    /// <summary>
    /// The held-out set measures understanding on phrasings nobody tuned for. The floor is what it scored
    /// when written (see the issue note); falling below it means the reader got worse.
    /// </summary>
    [Fact]
    public async Task HeldOutSet_MostQuestionsAnsweredRight()
    {
        const double floor = 0.85;
        var set = QuestionSet.Load("buyer-questions-heldout.json");
        var misses = new List<string>();
        for (var i = 0; i < set.Count; i++)
        {
            var question = set[i];
            var replies = await live.Host.AskAsync(question.Text, question.Lang, live.SessionId, conversation: $"heldout-{i}", user: $"heldout-{i}");
            try
            {
                await AssertAnswerAsync(question, await ChooseIfAskedAsync(question, Assert.Single(replies), $"heldout-{i}", $"heldout-{i}"));
            }
            catch (Xunit.Sdk.XunitException ex)
            {
                misses.Add($"[{question.Lang}] {question.Text} → {ex.Message}");
            }
        }

        var score = 1 - ((double)misses.Count / set.Count);
        output.WriteLine($"held-out: {set.Count - misses.Count}/{set.Count} right ({score:P0})");
        misses.ForEach(output.WriteLine);
        Assert.True(score >= floor, $"{score:P0} < {floor:P0}:\n" + string.Join('\n', misses));
    }

    private async Task AssertAnswerAsync(BuyerQuestionCase question, JsonElement reply)
    {
        var text = reply.GetProperty("text").GetString()!;
        var lang = question.Lang;
        Assert.Equal(lang, reply.GetProperty("locale").GetString());
        Assert.True(LocaleFile.IsVariation(lang, question.Answer, text), $"expected {question.Answer} for “{question.Text}”, got: {text}");

        var productId = ProductId().Match(text) is { Success: true } m ? m.Value : null;
        if (question.Product is not null)
        {
            Assert.Equal(question.Product, productId);
        }
        else if (question.TitleContains is not null)
        {
            Assert.True(productId is not null, text);
            Assert.Contains(question.TitleContains, SampleCatalog.TitleEn(productId), StringComparison.OrdinalIgnoreCase);
        }

        foreach (var figure in ExpectedFigures(question, productId))
        {
            Assert.True(text.Contains(figure, StringComparison.Ordinal), $"“{figure}” missing in: {text}");
        }

        if (productId is not null && reply.TryGetProperty("attachments", out var attachments))
        {
            var card = Assert.Single(attachments.EnumerateArray());
            Assert.Equal("application/vnd.microsoft.card.adaptive", card.GetProperty("contentType").GetString());
            Assert.Contains(productId, card.GetProperty("content").GetRawText(), StringComparison.Ordinal);
        }

        // Whatever the bot says it passed on must be in the merchant's queue.
        if (question.Answer is "qa.handoff" or "qa.human" or "qa.samplesNone" or "qa.logoNo")
        {
            var queue = await live.Host.QuestionsAsync(live.SessionId, live.HostKey);
            Assert.Contains(queue, item => item.GetProperty("question").GetString() == question.Text && item.GetProperty("status").GetString() == "open");
        }
    }

    private static IEnumerable<string> ExpectedFigures(BuyerQuestionCase q, string? id)
    {
        if (id is null)
        {
            yield break;
        }

        var lang = q.Lang;
        var product = SampleCatalog.Product(id);
        switch (q.Answer)
        {
            case "qa.quote" or "qa.quoteNoCountry":
                var unit = SampleCatalog.UnitPrice(id, q.Qty!.Value);
                yield return SampleCatalog.Money(unit, lang);
                yield return SampleCatalog.Money(unit * q.Qty.Value, lang);
                break;
            case "qa.quoteBelowMoq":
                yield return SampleCatalog.Number(SampleCatalog.Moq(id), lang);
                yield return SampleCatalog.Money(SampleCatalog.Tiers(id)[0].UnitPrice, lang);
                break;
            case "qa.priceTiers":
                foreach (var tier in SampleCatalog.Tiers(id))
                {
                    yield return SampleCatalog.Money(tier.UnitPrice, lang);
                }

                break;
            case "qa.moq":
                yield return SampleCatalog.Number(SampleCatalog.Moq(id), lang);
                break;
            case "qa.stockHere":
                yield return SampleCatalog.Number(SampleCatalog.Stock(id, q.Country!), lang);
                break;
            case "qa.stockNotHere":
                yield return SampleCatalog.Number(SampleCatalog.Stock(id, "CN"), lang);
                break;
            case "qa.leadTime":
                yield return product.GetProperty("leadTimeDays").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "qa.samples":
                yield return SampleCatalog.Money(product.GetProperty("samples").GetProperty("unitPrice").GetDecimal(), lang);
                break;
            case "qa.logoYes":
                yield return SampleCatalog.Number(product.GetProperty("customization").GetProperty("logoMoq").GetInt32(), lang);
                break;
            case "qa.certifications":
                foreach (var cert in product.GetProperty("certifications").EnumerateArray())
                {
                    yield return cert.GetString()!;
                }

                break;
            case "qa.freight":
                yield return SampleCatalog.Number(q.Qty ?? SampleCatalog.Moq(id), lang);
                yield return SampleCatalog.Money(SampleCatalog.UnitPrice(id, q.Qty ?? SampleCatalog.Moq(id)) * (q.Qty ?? SampleCatalog.Moq(id)), lang);
                break;
            case "qa.shipping":
                yield return product.GetProperty("shipping").GetProperty("port").GetString()!;
                break;
        }
    }

    [GeneratedRegex(@"YW-\d{6}")]
    private static partial Regex ProductId();
}

public sealed record BuyerQuestionCase(string Lang, string Text, string Answer, string? Product, string? TitleContains, int? Qty, string? Country);

internal static class QuestionSet
{
    private static readonly Dictionary<string, IReadOnlyList<BuyerQuestionCase>> Cache = [];

    public static IReadOnlyList<BuyerQuestionCase> Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var set))
            {
                using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "LiveAssist.Host.IntegrationTests", "BuyerQa", file)));
                set = [.. document.RootElement.GetProperty("questions").EnumerateArray()
                    .Select(q => q.Deserialize<BuyerQuestionCase>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!)];
                Cache[file] = set;
            }

            return set;
        }
    }
}
