using System.Diagnostics;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.DirectLine;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace LiveAssist.Host.IntegrationTests.BuyerQa;

/// <summary>What a buyer and the merchant see around the answers: "this", a dead catalog, handoff replies, leads.</summary>
public sealed class BuyerQaFlowTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("en", "how much is this?")]
    [InlineData("es", "¿cuánto cuesta esto?")]
    [InlineData("zh", "这个多少钱？")]
    public async Task HowMuchIsThis_AnswersForTheProductTheHostShows(string lang, string question)
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100271");

        var first = Assert.Single(await host.AskAsync(question, lang, session, conversation: "this-" + lang)).GetProperty("text").GetString()!;
        Assert.True(LocaleFile.IsVariation(lang, "qa.priceTiers", first), first);
        Assert.Contains("(YW-100271)", first.Replace('（', '(').Replace('）', ')'), StringComparison.Ordinal);
        foreach (var (_, price) in SampleCatalog.Tiers("YW-100271"))
        {
            Assert.Contains(SampleCatalog.Money(price, lang), first, StringComparison.Ordinal);
        }

        // The host moves on to the next product; the same words in the same conversation now mean that one.
        using var moved = await host.HostSendAsync(HttpMethod.Put, $"/api/sessions/{session}/product", key, new { productId = "YW-100375" });
        moved.EnsureSuccessStatusCode();
        var second = Assert.Single(await host.AskAsync(question, lang, session, conversation: "this-" + lang)).GetProperty("text").GetString()!;
        Assert.Contains("YW-100375", second, StringComparison.Ordinal);
        Assert.Contains(SampleCatalog.Money(SampleCatalog.Tiers("YW-100375")[0].UnitPrice, lang), second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("msteams", true)]
    [InlineData("webchat", true)]
    [InlineData("sms", false)]
    public async Task ProductCard_WhereTheChannelShowsCards_PlainTextElsewhere(string channel, bool card)
    {
        await using var host = QaHost.Start();
        var (session, _) = await host.CreateSessionAsync("YW-100234");

        var reply = Assert.Single(await host.AskAsync("MOQ?", "en", session, conversation: "card-" + channel, channel: channel));

        var text = reply.GetProperty("text").GetString()!;
        Assert.Contains(SampleCatalog.Number(SampleCatalog.Moq("YW-100234"), "en"), text, StringComparison.Ordinal); // the answer is whole without the card
        var attachments = reply.TryGetProperty("attachments", out var a) ? a.GetArrayLength() : 0;
        Assert.Equal(card ? 1 : 0, attachments);
        if (card)
        {
            var content = reply.GetProperty("attachments")[0].GetProperty("content");
            Assert.Equal("AdaptiveCard", content.GetProperty("type").GetString());
            Assert.Contains("getQuote", content.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CatalogFailingThenHanging_BuyerToldSellerWillAnswer_QuestionQueued()
    {
        var calls = 0;
        await using var catalog = await LoopbackServer.StartAsync((app, _) => app.Map("/catalog/v1/{**rest}", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref calls) <= 3)
            {
                return Results.Problem("catalog database is down", statusCode: 500);
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted); // hangs until the caller gives up
            return Results.Ok();
        }));
        await using var host = QaHost.Start(new Dictionary<string, string?> { ["Catalog:BaseUrl"] = catalog.BaseUrl + "/catalog/v1" });
        var (session, key) = await host.CreateSessionAsync();

        foreach (var (lang, question) in new[] { ("en", "price for 3000 pcs of YW-100234 to Brazil?"), ("es", "¿tienen stock de YW-100234 en Dubái?") })
        {
            var clock = Stopwatch.StartNew();
            var reply = Assert.Single(await host.AskAsync(question, lang, session, conversation: "down-" + lang));
            output.WriteLine($"{lang}: answered in {clock.ElapsedMilliseconds} ms (catalog calls so far: {calls})");

            Assert.True(LocaleFile.IsVariation(lang, "qa.catalogDown", reply.GetProperty("text").GetString()), reply.GetProperty("text").GetString());
            var queued = Assert.Single(await host.QuestionsAsync(session, key), q => q.GetProperty("question").GetString() == question);
            Assert.Equal("catalogDown", queued.GetProperty("reason").GetString());
            Assert.Equal("open", queued.GetProperty("status").GetString());
        }

        Assert.True(calls > 3, "the second question must have met the hanging catalog");
    }

    [Fact]
    public async Task FiftyKilobyteQuestion_RefusedPolitelyInBuyersLanguage_NothingQueued()
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100234");
        var dl = new DirectLineClient(host.Client);
        var credentials = await dl.ChatTokenAsync("fr");
        var token = credentials.GetProperty("token").GetString()!;
        var conversation = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;
        var huge = string.Concat(Enumerable.Repeat("Quel est le prix <b>de</b> ceci ? ", 1500))[..50_000];

        var posted = await dl.PostMessageAsync(token, conversation, huge, credentials.GetProperty("userId").GetString()!, "fr-FR", session);
        var (activities, _) = await dl.GetActivitiesAsync(token, conversation);

        var reply = Assert.Single(activities, a => a.TryGetProperty("replyToId", out var r) && r.GetString() == posted);
        var text = reply.GetProperty("text").GetString()!;
        Assert.True(LocaleFile.IsVariation("fr", "qa.tooLong", text), text);
        Assert.Contains(SampleCatalog.Number(50_000, "fr"), text, StringComparison.Ordinal);
        Assert.Empty(await host.QuestionsAsync(session, key));
    }

    [Fact]
    public async Task MerchantReply_ReachesBuyerInSameDirectLineConversation_QuestionMarkedAnswered()
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100234");
        var dl = new DirectLineClient(host.Client);
        var credentials = await dl.ChatTokenAsync("en");
        var token = credentials.GetProperty("token").GetString()!;
        var conversation = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;
        await dl.PostMessageAsync(token, conversation, "what are your payment terms?", credentials.GetProperty("userId").GetString()!, "en-US", session);
        var (_, watermark) = await dl.GetActivitiesAsync(token, conversation);

        var question = Assert.Single(await host.QuestionsAsync(session, key));
        Assert.Equal("Payment", question.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(question.GetProperty("gistZh").GetString()));
        using var replied = await host.HostSendAsync(HttpMethod.Post, $"/api/sessions/{session}/questions/{question.GetProperty("id").GetString()}/reply", key,
            new { text = "30%定金，发货前付清余款。" });
        replied.EnsureSuccessStatusCode();

        var (after, _) = await dl.GetActivitiesAsync(token, conversation, watermark);
        var message = Assert.Single(after);
        Assert.Equal("bot", message.GetProperty("from").GetProperty("role").GetString());
        // A phrasebook reply arrives as the vetted English sentence.
        var text = message.GetProperty("text").GetString()!;
        Assert.True(LocaleFile.IsVariation("en", "qa.sellerReply", text), text);
        Assert.Contains("30% deposit, balance paid before shipment", text, StringComparison.Ordinal);
        var answered = Assert.Single(await host.QuestionsAsync(session, key), q => q.GetProperty("id").GetString() == question.GetProperty("id").GetString());
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        Assert.Equal("30%定金，发货前付清余款。", answered.GetProperty("replyZh").GetString());

        // A reply outside the phrasebook arrives as a flagged word-by-word draft with the seller's original.
        await dl.PostMessageAsync(token, conversation, "can I pay by bank transfer?", credentials.GetProperty("userId").GetString()!, "en-US", session);
        var second = Assert.Single(await host.QuestionsAsync(session, key), q => q.GetProperty("status").GetString() == "open");
        (_, watermark) = await dl.GetActivitiesAsync(token, conversation);
        using (var draft = await host.HostSendAsync(HttpMethod.Post, $"/api/sessions/{session}/questions/{second.GetProperty("id").GetString()}/reply", key, new { text = "这个杯子很便宜" }))
        {
            draft.EnsureSuccessStatusCode();
            var result = await draft.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("offline-dictionary", result.GetProperty("engine").GetString());
        }

        var drafted = Assert.Single((await dl.GetActivitiesAsync(token, conversation, watermark)).Activities).GetProperty("text").GetString()!;
        Assert.True(LocaleFile.IsVariation("en", "qa.sellerReplyDraft", drafted), drafted);
        Assert.Contains("这个杯子很便宜", drafted, StringComparison.Ordinal);
        Assert.Contains("cheap", drafted, StringComparison.OrdinalIgnoreCase);

        // Only the session's host may answer or read the queue.
        using var forged = await host.HostSendAsync(HttpMethod.Post, $"/api/sessions/{session}/questions/{question.GetProperty("id").GetString()}/reply", "not-the-key", new { text = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task QuoteRequests_SavedAsLeads_ExportedAsCsvWithoutFormulas()
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100234");
        // A price question alone is not a lead; the quote request that follows reuses its quantity and country.
        await host.AskAsync("price for 3000 pcs to Brazil?", "en", session, conversation: "lead-1", user: "ana");
        Assert.True(LocaleFile.IsVariation("en", "quote.askContact", Text(await host.AskAsync("quote request", "en", session, conversation: "lead-1", user: "ana"))));
        Assert.True(LocaleFile.IsVariation("en", "quote.confirm", Text(await host.AskAsync("ana@example.com.br", "en", session, conversation: "lead-1", user: "ana"))));
        Assert.True(LocaleFile.IsVariation("en", "quote.saved", Text(await host.AskAsync("yes", "en", session, conversation: "lead-1", user: "ana"))));

        // The lead keeps the question that led to it, as text a spreadsheet will not run.
        await host.AskAsync("=HYPERLINK(\"http://evil\") 600 pcs", "en", session, conversation: "lead-2", user: "eve");
        await host.AskAsync("quote request", "en", session, conversation: "lead-2", user: "eve");
        await host.AskAsync("Spain", "en", session, conversation: "lead-2", user: "eve");
        await host.AskAsync("+34 600 123 456", "en", session, conversation: "lead-2", user: "eve");
        Assert.True(LocaleFile.IsVariation("en", "quote.saved", Text(await host.AskAsync("yes", "en", session, conversation: "lead-2", user: "eve"))));

        using var response = await host.HostSendAsync(HttpMethod.Get, $"/api/sessions/{session}/leads.csv", key);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        var ana = Assert.Single(lines, l => l.Contains("ana@example.com.br", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["YW-100234", "3000", "1.62", "4860.00", "USD", "BR"], ana[1..2].Concat(ana[3..8]));
        var eve = Assert.Single(lines, l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK", eve, StringComparison.Ordinal);

        using var anonymous = await host.Client.GetAsync($"/api/sessions/{session}/leads.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static string? Text(IReadOnlyList<JsonElement> replies) => replies.Count > 0 && replies[0].TryGetProperty("text", out var t) ? t.GetString() : null;
}
