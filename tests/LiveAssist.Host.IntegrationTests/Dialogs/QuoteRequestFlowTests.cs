using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.BuyerQa;

namespace LiveAssist.Host.IntegrationTests.Dialogs;

/// <summary>The quote-request flow, turn by turn, as a buyer goes through it: product, quantity (re-asked when it is not one), country, contact, confirmation, lead.</summary>
public sealed class QuoteRequestFlowTests
{
    public static TheoryData<string, string, string, string, string, string> Buyers => new()
    {
        // language, start, not a quantity, quantity, country, yes
        { "en", "I want a quote", "lots please", "3,000 pcs", "Brazil", "yes" },
        { "es", "solicitar cotización", "muchas", "3.000", "Brasil", "sí" },
    };

    [Theory]
    [MemberData(nameof(Buyers))]
    public async Task QuoteRequest_StepByStep_InvalidQuantityReasked_LeadSaved(string lang, string start, string notAQuantity, string quantity, string country, string yes)
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100234");
        var conversation = "quote-" + lang;
        async Task<string> Say(string text) => Text(Assert.Single(await host.AskAsync(text, lang, session, conversation, user: "buyer-" + lang)));

        Assert.True(LocaleFile.IsVariation(lang, "quote.askProduct", await Say(start)));

        var askQty = await Say("YW-100234");
        Assert.True(LocaleFile.IsVariation(lang, "quote.askQty", askQty), askQty);
        Assert.Contains("500", askQty, StringComparison.Ordinal); // the product's MOQ

        Assert.True(LocaleFile.IsVariation(lang, "quote.qtyRetry", await Say(notAQuantity)));
        Assert.True(LocaleFile.IsVariation(lang, "quote.qtyRetry", await Say("0")));
        Assert.True(LocaleFile.IsVariation(lang, "quote.askCountry", await Say(quantity)));
        Assert.True(LocaleFile.IsVariation(lang, "quote.countryRetry", await Say("Atlantis")));
        Assert.True(LocaleFile.IsVariation(lang, "quote.askContact", await Say(country)));
        Assert.True(LocaleFile.IsVariation(lang, "quote.contactRetry", await Say("later")));

        var confirm = Assert.Single(await host.AskAsync("ana@example.com.br", lang, session, conversation, user: "buyer-" + lang));
        var confirmText = Text(confirm);
        Assert.True(LocaleFile.IsVariation(lang, "quote.confirm", confirmText), confirmText);
        Assert.Contains(lang == "en" ? "3,000" : "3.000", confirmText, StringComparison.Ordinal); // quantity written the buyer's way
        Assert.Contains(lang == "en" ? "4,860.00" : "4.860,00", confirmText, StringComparison.Ordinal); // 3000 × 1.62 from the catalog's tier
        Assert.Contains("ana@example.com.br", confirmText, StringComparison.Ordinal);
        var buttons = confirm.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()).ToList();
        Assert.Equal([LocaleFile.Variations(lang, "quote.yes").Single(), LocaleFile.Variations(lang, "quote.no").Single()], buttons);

        Assert.True(LocaleFile.IsVariation(lang, "quote.saved", await Say(yes)));

        using var csv = await host.HostSendAsync(HttpMethod.Get, $"/api/sessions/{session}/leads.csv", key);
        var lead = Assert.Single((await csv.Content.ReadAsStringAsync()).Split("\r\n"), l => l.Contains("ana@example.com.br", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["YW-100234", "3000", "1.62", "4860.00", "USD", "BR"], lead[1..2].Concat(lead[3..8]));
        Assert.Contains(lang, lead);
    }

    [Fact]
    public async Task QuoteRequest_BuyerSaysNo_NothingSaved_AndCancelStopsMidway()
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100234");
        async Task<string> Say(string text, string conversation) => Text(Assert.Single(await host.AskAsync(text, "en", session, conversation)));

        await Say("quote request", "no-1");
        await Say("YW-100234", "no-1");
        await Say("600", "no-1");
        await Say("Spain", "no-1");
        await Say("+34 600 123 456", "no-1");
        Assert.True(LocaleFile.IsVariation("en", "quote.cancelled", await Say("no", "no-1")));

        // An event no flow handles (Web Chat's join) does not count as an answer to the waiting question.
        await Say("quote request", "event-1");
        using (var join = await host.Client.PostAsJsonAsync("/api/messages", new
        {
            type = "event", name = "webchat/join", id = "e-1", channelId = "webchat", serviceUrl = "http://127.0.0.1:9/", locale = "en",
            from = new { id = "buyer-1" }, recipient = new { id = "bot" }, conversation = new { id = "event-1" }, deliveryMode = "expectReplies",
        }))
        {
            Assert.Equal(0, (await join.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activities").GetArrayLength());
        }

        Assert.True(LocaleFile.IsVariation("en", "quote.askQty", await Say("YW-100234", "event-1")));

        await Say("quote request", "cancel-1");
        Assert.True(LocaleFile.IsVariation("en", "flow.cancelled", await Say("cancel", "cancel-1")));
        // After cancelling, a question is answered as a question again.
        Assert.True(LocaleFile.IsVariation("en", "qa.moq", await Say("MOQ of YW-100234?", "cancel-1")));

        using var csv = await host.HostSendAsync(HttpMethod.Get, $"/api/sessions/{session}/leads.csv", key);
        Assert.Single((await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)); // the header only
    }

    [Fact]
    public async Task GetQuoteCardButton_StartsTheFlowWithTheProductAlreadyChosen()
    {
        await using var host = QaHost.Start();
        var (session, _) = await host.CreateSessionAsync("YW-100234");
        using var response = await host.Client.PostAsJsonAsync("/api/messages", new
        {
            type = "message", id = "m-card", channelId = "webchat", serviceUrl = "http://127.0.0.1:9/", locale = "es",
            from = new { id = "buyer-card" }, recipient = new { id = "bot" }, conversation = new { id = "card-1" }, deliveryMode = "expectReplies",
            value = new { action = "getQuote", productId = "YW-100234" }, channelData = new { sessionId = session },
        });
        var reply = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activities")[0];

        Assert.True(LocaleFile.IsVariation("es", "quote.askQty", Text(reply)), Text(reply));
    }

    private static string Text(JsonElement activity) => activity.GetProperty("text").GetString()!;
}
