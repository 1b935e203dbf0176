using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.BuyerQa;

namespace LiveAssist.Host.IntegrationTests.Teams;

/// <summary>Teams specifics: @mentions stripped, each person in a group chat keeps their own place in a flow, Adaptive Card Action.Execute.</summary>
public sealed class TeamsBotTests : IAsyncLifetime
{
    private QaHost _host = null!;

    public Task InitializeAsync()
    {
        _host = QaHost.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GroupChat_MentionStripped_TwoBuyersInTheSameChat_EachKeepTheirOwnQuote()
    {
        Assert.True(LocaleFile.IsVariation("en", "qa.moq", await TeamsTextAsync("ada", "<at>LiveAssist</at> MOQ of YW-100234?", mention: true)));

        // Ada and Bo both start a quote in the same group chat; their answers must not cross. Ada has just asked about
        // YW-100234, so her request starts at the quantity; Bo has named no product, so he is asked for one.
        Assert.True(LocaleFile.IsVariation("en", "quote.askQty", await TeamsTextAsync("ada", "<at>LiveAssist</at> quote request", mention: true)));
        Assert.True(LocaleFile.IsVariation("en", "quote.askProduct", await TeamsTextAsync("bo", "<at>LiveAssist</at> quote request", mention: true)));
        // Bo has not chosen a product yet: "5000" is not a product for him, so he is asked again, not moved to Ada's next question.
        Assert.True(LocaleFile.IsVariation("en", "quote.productRetry", await TeamsTextAsync("bo", "<at>LiveAssist</at> 5000", mention: true)));
        Assert.True(LocaleFile.IsVariation("en", "quote.askCountry", await TeamsTextAsync("ada", "<at>LiveAssist</at> 5000", mention: true)));
    }

    [Fact]
    public async Task ActionExecute_RunsTheFlowForTheVerb_InvokeAnsweredWithAMessage()
    {
        using var response = await PostAsync(new
        {
            type = "invoke", name = "adaptiveCard/action", id = "inv-1", channelId = "msteams", serviceUrl = "http://127.0.0.1:9/", locale = "es",
            from = new { id = "29:ada", name = "Ada" }, recipient = new { id = "28:bot", name = "LiveAssist" },
            conversation = new { id = "a:personal-ada", conversationType = "personal" },
            value = new { action = new { type = "Action.Execute", verb = "getQuote", data = new { productId = "YW-100234" } }, trigger = "manual" },
            deliveryMode = "expectReplies", // the chat message itself would go to the Connector, which this test has none of
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.True(LocaleFile.IsVariation("es", "quote.askQty", body.GetProperty("value").GetString()), body.GetRawText());
    }

    [Fact]
    public async Task ActionExecute_Malformed_400WithAnAdaptiveCardError()
    {
        using var response = await PostAsync(new
        {
            type = "invoke", name = "adaptiveCard/action", id = "inv-2", channelId = "msteams", serviceUrl = "http://127.0.0.1:9/",
            from = new { id = "29:ada" }, recipient = new { id = "28:bot" }, conversation = new { id = "a:personal-ada" },
            value = new { action = new { type = "Action.Submit" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/vnd.microsoft.error", body.GetProperty("type").GetString());
        Assert.Equal("NotSupported", body.GetProperty("value").GetProperty("code").GetString());
    }

    private async Task<string> TeamsTextAsync(string user, string text, bool mention)
    {
        using var response = await PostAsync(new
        {
            type = "message", id = "m-" + Guid.NewGuid().ToString("N")[..6], channelId = "msteams", serviceUrl = "http://127.0.0.1:9/", locale = "en-US", text,
            from = new { id = "29:" + user, name = user }, recipient = new { id = "28:bot", name = "LiveAssist" },
            conversation = new { id = "19:group@thread.v2", conversationType = "groupChat", isGroup = true },
            entities = mention ? new object[] { new { type = "mention", text = "<at>LiveAssist</at>", mentioned = new { id = "28:bot", name = "LiveAssist" } } } : [],
            deliveryMode = "expectReplies",
        });
        response.EnsureSuccessStatusCode();
        var activities = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activities");
        // Questions in a group say how to answer there; the rest is the flow's own text.
        return activities[0].GetProperty("text").GetString()!.Replace(" " + LocaleFile.Variations("en", "group.howToAnswer")[0], string.Empty, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostAsync(object activity) => _host.Client.PostAsJsonAsync("/api/messages", activity);
}
