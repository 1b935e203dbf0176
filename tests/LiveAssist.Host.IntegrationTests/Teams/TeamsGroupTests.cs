using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.BuyerQa;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Host.IntegrationTests.Teams;

/// <summary>Teams group chats and channels, and what is not a question: as a buyer and a merchant would notice them.</summary>
public sealed class TeamsGroupTests : IAsyncLifetime
{
    private QaHost _host = null!;

    public Task InitializeAsync()
    {
        _host = QaHost.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AddedToAGroup_IntroducesItselfOnce_NoPublicWelcomePerMember()
    {
        var added = await PostAsync(Group("conversationUpdate", "29:admin", membersAdded: [new { id = "28:bot", name = "LiveAssist" }]));
        var intro = Assert.Single(added);
        Assert.True(LocaleFile.IsVariation("en", "teams.intro", intro.GetProperty("text").GetString()), intro.GetRawText());

        var joined = await PostAsync(Group("conversationUpdate", "29:admin", membersAdded: [new { id = "29:newcomer", name = "Newcomer" }]));
        Assert.Empty(joined);
    }

    [Fact]
    public async Task UnknownActivityType_200WithAnEmptyBody()
    {
        using var response = await _host.Client.PostAsJsonAsync("/api/messages", new
        {
            type = "somethingNew", id = "x-1", channelId = "msteams", serviceUrl = "http://127.0.0.1:9/",
            from = new { id = "29:ada" }, recipient = new { id = "28:bot" }, conversation = new { id = "a:1" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task QuoteFlowInAGroup_ContactIsAskedInA1to1Chat_TheGroupNeverSeesIt_LeadSaved()
    {
        // Teams' Connector: POST /v3/conversations opens (or finds) the 1:1 chat with the person and gives its id.
        await using var connector = await LoopbackServer.StartAsync((routes, server) =>
        {
            routes.MapPost("/v3/conversations", () => Results.Json(new { id = "a:1to1-ada" }, statusCode: 201));
            routes.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", () => Results.Json(new { id = "sent-1" }, statusCode: 201));
        });
        var (session, key) = await _host.CreateSessionAsync("YW-100234");
        var serviceUrl = connector.BaseUrl + "/";
        async Task<JsonElement> Say(string text) => Assert.Single(await PostAsync(Group("message", "29:ada", "<at>LiveAssist</at> " + text, session, mention: true, serviceUrl: serviceUrl)));

        // Ada has talked to the bot 1:1 before: that chat already has state of its own.
        Assert.NotEmpty(await PostAsync(Personal("29:ada", "what is the MOQ?", serviceUrl)));

        var askProduct = await Say("quote request");
        Assert.Contains(LocaleFile.Variations("en", "group.howToAnswer")[0], askProduct.GetProperty("text").GetString(), StringComparison.Ordinal);
        await Say("YW-100234");
        await Say("2000");
        var movedOn = await Say("Brazil");
        Assert.True(LocaleFile.IsVariation("en", "quote.contactPrivate", movedOn.GetProperty("text").GetString()), movedOn.GetRawText());

        // The bot opened a 1:1 chat with Ada (not the group) and asked for the contact there.
        var created = JsonDocument.Parse(Assert.Single(connector.Requests, r => r.Path == "/v3/conversations").Body).RootElement;
        Assert.False(created.GetProperty("isGroup").GetBoolean());
        Assert.Equal("29:ada", Assert.Single(created.GetProperty("members").EnumerateArray()).GetProperty("id").GetString());
        var asked = JsonDocument.Parse(Assert.Single(connector.Requests, r => Uri.UnescapeDataString(r.Path).StartsWith("/v3/conversations/a:1to1-ada/", StringComparison.Ordinal)).Body).RootElement;
        Assert.True(LocaleFile.IsVariation("en", "quote.askContactPrivate", asked.GetProperty("text").GetString()), asked.GetRawText());
        Assert.Contains("Vacuum Flask", asked.GetProperty("text").GetString(), StringComparison.Ordinal); // names the product asked about

        // Ada answers in the 1:1 chat: the quote goes on there with what she said in the group, and the lead has her contact.
        var confirm = Assert.Single(await PostAsync(Personal("29:ada", "ada@example.com", serviceUrl)));
        Assert.True(LocaleFile.IsVariation("en", "quote.confirm", confirm.GetProperty("text").GetString()), confirm.GetRawText());
        Assert.Contains("2,000", confirm.GetProperty("text").GetString(), StringComparison.Ordinal);
        var saved = Assert.Single(await PostAsync(Personal("29:ada", "yes", serviceUrl)));
        Assert.True(LocaleFile.IsVariation("en", "quote.saved", saved.GetProperty("text").GetString()), saved.GetRawText());

        using var csv = await _host.HostSendAsync(HttpMethod.Get, $"/api/sessions/{session}/leads.csv", key);
        var lead = Assert.Single((await csv.Content.ReadAsStringAsync()).Split("\r\n"), l => l.Contains("ada@example.com", StringComparison.Ordinal));
        Assert.Contains("BR", lead, StringComparison.Ordinal);

        // Back in the group, Ada's place in the flow is gone: nothing waits for her contact there.
        var next = await Say("what is the MOQ?");
        Assert.False(LocaleFile.IsVariation("en", "quote.contactRetry", next.GetProperty("text").GetString()), next.GetRawText());
    }

    [Fact]
    public async Task QuoteFlowInAGroup_BotMayNotOpenA1to1Chat_AsksInTheGroup_YesIsACardButtonThatNeedsNoMention()
    {
        // A tenant that does not let the bot start chats: the Connector refuses, the flow asks where it is.
        await using var connector = await LoopbackServer.StartAsync((routes, server) =>
            routes.MapPost("/v3/conversations", () => Results.Json(new { error = new { code = "Forbidden", message = "Bot is not installed in user's personal scope" } }, statusCode: 403)));
        var (session, key) = await _host.CreateSessionAsync("YW-100234");
        var serviceUrl = connector.BaseUrl + "/";
        async Task<JsonElement> Say(string text) => Assert.Single(await PostAsync(Group("message", "29:ada", "<at>LiveAssist</at> " + text, session, mention: true, serviceUrl: serviceUrl)));

        await Say("quote request");
        await Say("YW-100234");
        await Say("2000");
        var askContact = await Say("Brazil");
        Assert.True(LocaleFile.IsVariation("en", "quote.askContact", StripGroupHint(askContact.GetProperty("text").GetString())), askContact.GetRawText());
        var confirm = await Say("ada@example.com");
        Assert.False(confirm.TryGetProperty("suggestedActions", out _)); // Teams shows no suggested actions in groups
        var yes = QaHostButtons(confirm).First();

        // Pressing the card's button posts a submit with no mention: it must reach the flow.
        var saved = Assert.Single(await PostAsync(Group("message", "29:ada", null, session, mention: false, value: yes, serviceUrl: serviceUrl)));
        Assert.True(LocaleFile.IsVariation("en", "quote.saved", saved.GetProperty("text").GetString()), saved.GetRawText());

        using var csv = await _host.HostSendAsync(HttpMethod.Get, $"/api/sessions/{session}/leads.csv", key);
        Assert.Contains("ada@example.com", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string? StripGroupHint(string? text)
        => text?.Replace(" " + LocaleFile.Variations("en", "group.howToAnswer")[0], string.Empty, StringComparison.Ordinal);

    private static object Personal(string from, string text, string serviceUrl) => new
    {
        type = "message", id = "p-" + Guid.NewGuid().ToString("N")[..6], channelId = "msteams", serviceUrl, locale = "en-US", text,
        from = new { id = from, name = from }, recipient = new { id = "28:bot", name = "LiveAssist" },
        conversation = new { id = "a:1to1-ada", conversationType = "personal" },
        deliveryMode = "expectReplies",
    };

    [Fact]
    public async Task EmptyMediaOnlyAndBareWords_AreNotQuestions_AndAQuestionWithNoLiveReachesTheInbox()
    {
        await using var host = QaHost.Start(); // no live session at all
        Assert.Empty(await host.AskAsync(string.Empty, "en", null, "media-1"));
        var yes = Assert.Single(await host.AskAsync("yes", "en", null, "bare-1"));
        Assert.True(LocaleFile.IsVariation("en", "help", yes.GetProperty("text").GetString()), yes.GetRawText());
        var spain = Assert.Single(await host.AskAsync("Spain", "en", null, "bare-2"));
        Assert.True(LocaleFile.IsVariation("en", "help", spain.GetProperty("text").GetString()), spain.GetRawText());

        // Asked while no live is on: handed over, and the merchant sees it in the next live's console.
        var handed = Assert.Single(await host.AskAsync("Can I visit your factory next week?", "en", null, "nolive-1"));
        Assert.True(LocaleFile.IsVariation("en", "qa.handoff", handed.GetProperty("text").GetString()), handed.GetRawText());
        var (session, key) = await host.CreateSessionAsync();
        var queue = await host.QuestionsAsync(session, key);
        var item = Assert.Single(queue);
        Assert.Equal("Can I visit your factory next week?", item.GetProperty("question").GetString());
    }

    private static IEnumerable<JsonElement> QaHostButtons(JsonElement reply)
        => reply.GetProperty("attachments").EnumerateArray().SelectMany(a => a.GetProperty("content").GetProperty("actions").EnumerateArray()).Select(a => a.GetProperty("data").Clone());

    private static object Group(string type, string from, string? text = null, string? sessionId = null, bool mention = false, object? value = null, object[]? membersAdded = null, string serviceUrl = "http://127.0.0.1:9/") => new
    {
        type, id = "g-" + Guid.NewGuid().ToString("N")[..6], channelId = "msteams", serviceUrl, locale = "en-US", text,
        from = new { id = from, name = from }, recipient = new { id = "28:bot", name = "LiveAssist" },
        conversation = new { id = "19:sales@thread.v2", conversationType = "groupChat", isGroup = true },
        entities = mention ? new object[] { new { type = "mention", text = "<at>LiveAssist</at>", mentioned = new { id = "28:bot", name = "LiveAssist" } } } : [],
        channelData = sessionId is null ? null : new { sessionId },
        value, membersAdded,
        deliveryMode = "expectReplies",
    };

    private async Task<IReadOnlyList<JsonElement>> PostAsync(object activity)
    {
        using var response = await _host.Client.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("activities").EnumerateArray().Select(a => a.Clone())];
    }
}
