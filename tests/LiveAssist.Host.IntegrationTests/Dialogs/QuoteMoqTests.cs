using System.Text.Json;
using LiveAssist.Host.IntegrationTests.BuyerQa;

namespace LiveAssist.Host.IntegrationTests.Dialogs;

/// <summary>A quote request never confirms or saves an order below the MOQ, and never asks again what the buyer said.</summary>
public sealed class QuoteMoqTests
{
    [Fact]
    public async Task BelowMoq_Refused_MoqOffered_AndWhatWasSaidIsNotAskedAgain()
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100234"); // MOQ 500, 1.85 USD
        async Task<JsonElement> Say(string text) => Assert.Single(await host.AskAsync(text, "en", session, "moq-1", user: "moq-buyer"));

        // The buyer gave quantity and country in the question; the quote request does not ask for them again.
        await Say("price for 100 pcs to Spain?");
        var refused = await Say("quote request");
        var text = refused.GetProperty("text").GetString();
        Assert.True(LocaleFile.IsVariation("en", "quote.belowMoq", text), text);
        Assert.Contains("500", text, StringComparison.Ordinal);
        Assert.Contains("1.85 USD", text, StringComparison.Ordinal);

        // Yes: the MOQ is quoted; the country is already known, so the next question is the contact.
        Assert.True(LocaleFile.IsVariation("en", "quote.askContact", (await Say("yes")).GetProperty("text").GetString()));
        var confirm = (await Say("buyer@example.es")).GetProperty("text").GetString();
        Assert.True(LocaleFile.IsVariation("en", "quote.confirm", confirm), confirm);
        Assert.Contains("500 pieces", confirm, StringComparison.Ordinal);
        Assert.Contains("925.00 USD", confirm, StringComparison.Ordinal); // 500 × 1.85, never 100 × anything

        // Asked directly with a quantity below the MOQ, "no" keeps nothing.
        var other = await host.AskAsync("quote request", "en", session, "moq-2", user: "moq-other");
        Assert.True(LocaleFile.IsVariation("en", "quote.askQty", other[0].GetProperty("text").GetString()) || LocaleFile.IsVariation("en", "quote.askProduct", other[0].GetProperty("text").GetString()));
        if (LocaleFile.IsVariation("en", "quote.askProduct", other[0].GetProperty("text").GetString()))
        {
            await host.AskAsync("YW-100234", "en", session, "moq-2", user: "moq-other");
        }

        var below = Assert.Single(await host.AskAsync("100", "en", session, "moq-2", user: "moq-other")).GetProperty("text").GetString();
        Assert.True(LocaleFile.IsVariation("en", "quote.belowMoq", below), below);
        Assert.True(LocaleFile.IsVariation("en", "quote.cancelled", Assert.Single(await host.AskAsync("no", "en", session, "moq-2", user: "moq-other")).GetProperty("text").GetString()));

        using var csv = await host.HostSendAsync(HttpMethod.Get, $"/api/sessions/{session}/leads.csv", key);
        Assert.Single((await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)); // the header only: nothing below MOQ, nothing unconfirmed
    }
}
