using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Host.IntegrationTests.DirectLine;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>
/// A buyer mid-quote while Redis is away: the host they are on keeps the conversation and the bot's place in the flow
/// (acknowledged, so nothing may be lost), and when Redis is back both go to Redis, so the buyer goes on on another host
/// where they left off, with the whole conversation there once, in order.
/// </summary>
public sealed class ChatThroughRedisOutageTests : RedisHostsTest
{
    [RedisFact]
    public async Task WhatABuyerSaidDuringAnOutage_ReachesRedisWhenItIsBack_AndTheQuoteGoesOnOnAnotherHost()
    {
        var a = await StartHostAsync();
        var b = await StartHostAsync();
        using var onA = new HttpClient { BaseAddress = new Uri(a.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var onB = new HttpClient { BaseAddress = new Uri(b.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var (id, _) = await CaptionSessions.CreateAsync(onA, ["en"]);

        var chatOnA = new DirectLineClient(onA);
        var credentials = await chatOnA.ChatTokenAsync("en");
        var token = credentials.GetProperty("token").GetString()!;
        var buyer = credentials.GetProperty("userId").GetString()!;
        var conversation = (await chatOnA.StartAsync(token)).GetProperty("conversationId").GetString()!;
        await chatOnA.PostMessageAsync(token, conversation, "quote request", buyer, "en-US", id);
        Assert.True(LocaleFile.IsVariation("en", "quote.askProduct", LastBotText(await HistoryAsync(chatOnA, token, conversation))));

        // Redis goes away; the buyer answers on A, which keeps the conversation and the bot's state itself.
        await Redis.StopAsync();
        await chatOnA.PostMessageAsync(token, conversation, "YW-100234", buyer, "en-US", id);
        var askedQty = LastBotText(await HistoryAsync(chatOnA, token, conversation));
        Assert.True(LocaleFile.IsVariation("en", "quote.askQty", askedQty), askedQty);
        var degraded = await onA.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.True(degraded.GetProperty("redis").GetProperty("pendingWrites").GetInt64() >= 3, degraded.ToString()); // two activities and the state

        // Redis is back: what A kept goes out, and A's buyer goes on on A (its next activities follow the kept ones).
        await Redis.StartAgainAsync();
        await WaitAsync(async () => (await onA.GetFromJsonAsync<JsonElement>("/readyz")).GetProperty("redis").GetProperty("pendingWrites").GetInt64() == 0, "A's outbox empty");
        await chatOnA.PostMessageAsync(token, conversation, "3000 pcs", buyer, "en-US", id);
        var askedCountry = LastBotText(await HistoryAsync(chatOnA, token, conversation));
        Assert.True(LocaleFile.IsVariation("en", "quote.askCountry", askedCountry), askedCountry);

        // The load balancer moves the buyer to B (once B has its connection to Redis back, as /readyz tells a load
        // balancer): the whole conversation is there once, in order, and the quote goes on.
        await WaitAsync(async () => (await onB.GetFromJsonAsync<JsonElement>("/readyz")).GetProperty("redis").GetProperty("status").GetString() == "up", "B back on Redis");
        var chatOnB = new DirectLineClient(onB);
        var history = await HistoryAsync(chatOnB, token, conversation);
        Assert.Equal(["quote request", "YW-100234", "3000 pcs"], BuyerTexts(history, buyer));
        Assert.Equal(history.Count, history.Select(h => h.GetProperty("id").GetString()).Distinct().Count());
        await chatOnB.PostMessageAsync(token, conversation, "Brazil", buyer, "en-US", id);
        history = await HistoryAsync(chatOnB, token, conversation);
        Assert.True(LocaleFile.IsVariation("en", "quote.askContact", LastBotText(history)), LastBotText(history));
        Assert.Equal(["quote request", "YW-100234", "3000 pcs", "Brazil"], BuyerTexts(history, buyer));
        Assert.Equal(BuyerTexts(history, buyer), BuyerTexts(await HistoryAsync(chatOnA, token, conversation), buyer));
    }

    private static async Task<List<JsonElement>> HistoryAsync(DirectLineClient client, string token, string conversation)
        => (await client.GetActivitiesAsync(token, conversation)).Activities;

    private static List<string?> BuyerTexts(List<JsonElement> history, string buyer)
        => [.. history.Where(h => h.GetProperty("type").GetString() == "message" && h.GetProperty("from").GetProperty("id").GetString() == buyer)
            .Select(h => h.GetProperty("text").GetString())];

    private static string LastBotText(List<JsonElement> history)
        => history.Last(h => h.GetProperty("type").GetString() == "message" && h.GetProperty("from").GetProperty("role").GetString() == "bot").GetProperty("text").GetString()!;


    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }
}
