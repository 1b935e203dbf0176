using System.Net;
using System.Text.Json;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.BotFramework;

/// <summary>The bot's replies leave through the Connector REST API of the activity's serviceUrl.</summary>
public sealed class ConnectorReplyTests(BotFrameworkFakes fakes) : IClassFixture<BotFrameworkFakes>
{
    [Fact]
    public async Task ApiMessages_AuthenticatedTeamsMessage_ReplyPostedToReplyPathWithBotBearerToken()
    {
        const string conversationId = "19:abc@thread.tacv2;messageid=1700";
        var token = fakes.Issuer.Sign(new TokenSpec(BotFrameworkFakes.AppId, fakes.ServiceUrl));
        using var client = fakes.Factory.CreateClient();

        using var response = await client.SendAsync(ActivityBuilder.Post(
            ActivityBuilder.Message(fakes.ServiceUrl, "hello", conversationId: conversationId, id: "1700"), token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await fakes.Server.WaitForAsync(
            r => r.Method == "POST" && r.Path.StartsWith("/amer/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1700/activities/1700", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Equal("Bearer " + BotFrameworkFakes.AccessToken, reply.Authorization);
        using var body = JsonDocument.Parse(reply.Body);
        Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("1700", body.RootElement.GetProperty("replyToId").GetString());
        Assert.Equal("29:buyer", body.RootElement.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal("28:bot-app-id", body.RootElement.GetProperty("from").GetProperty("id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("text").GetString()));
        Assert.False(body.RootElement.TryGetProperty("id", out _)); // the channel assigns ids, not the bot
    }

    [Fact]
    public async Task ApiMessages_ConnectorAnswers429_ReplyRetriedAfterRetryAfter()
    {
        var conversationId = "a:throttle-" + Guid.NewGuid().ToString("N");
        var token = fakes.Issuer.Sign(new TokenSpec(BotFrameworkFakes.AppId, fakes.ServiceUrl));
        using var client = fakes.Factory.CreateClient();

        using var response = await client.SendAsync(ActivityBuilder.Post(
            ActivityBuilder.Message(fakes.ServiceUrl, "hello", conversationId: conversationId, id: "42"), token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var escaped = Uri.EscapeDataString(conversationId);
        await fakes.Server.WaitForAsync(r => r.Path.Contains(escaped, StringComparison.Ordinal) && r.ReceivedAt > DateTimeOffset.MinValue
            && fakes.Server.Requests.Count(x => x.Path.Contains(escaped, StringComparison.Ordinal)) >= 2, TimeSpan.FromSeconds(15));
        var attempts = fakes.Server.Requests.Where(r => r.Path.Contains(escaped, StringComparison.Ordinal)).OrderBy(r => r.ReceivedAt).ToList();
        Assert.Equal(2, attempts.Count);
        // Retry-After: 1 means the second attempt may not come sooner than a second after the 429.
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromMilliseconds(950),
            $"retried after {(attempts[1].ReceivedAt - attempts[0].ReceivedAt).TotalMilliseconds} ms");
        Assert.All(attempts, a => Assert.Equal("Bearer " + BotFrameworkFakes.AccessToken, a.Authorization));
    }

    [Fact]
    public async Task ApiMessages_ManyReplies_BotTokenFetchedOnceAndReused()
    {
        var token = fakes.Issuer.Sign(new TokenSpec(BotFrameworkFakes.AppId, fakes.ServiceUrl));
        using var client = fakes.Factory.CreateClient();
        var conversation = "a:cache-" + Guid.NewGuid().ToString("N");

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(ActivityBuilder.Post(
                ActivityBuilder.Message(fakes.ServiceUrl, "hello", conversationId: conversation, id: "m" + i), token));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The five turns are queued and answered in order, off the requests.
        var escaped = Uri.EscapeDataString(conversation);
        await fakes.Server.WaitForAsync(_ => fakes.Server.Requests.Count(r => r.Path.Contains(escaped, StringComparison.Ordinal)) >= 5, TimeSpan.FromSeconds(15));
        await Task.Delay(200); // and no more than five
        var replies = fakes.Server.Requests.Where(r => r.Path.Contains(escaped, StringComparison.Ordinal)).OrderBy(r => r.ReceivedAt).ToList();
        Assert.Equal(5, replies.Count);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], replies.Select(r => r.Path[(r.Path.LastIndexOf('/') + 1)..]));
        // One token for the whole fixture: every reply reused it (the cache lasts until 5 min before expiry).
        Assert.Equal(1, fakes.Server.Requests.Count(r => r.Path == "/token"));
    }

    [Fact]
    public async Task ApiMessages_ServiceUrlNotVouchedByToken_NothingSentThere()
    {
        // A token for the real serviceUrl cannot be replayed to steer replies (and the bot's token) elsewhere.
        var token = fakes.Issuer.Sign(new TokenSpec(BotFrameworkFakes.AppId, fakes.ServiceUrl));
        using var client = fakes.Factory.CreateClient();
        var elsewhere = fakes.Server.BaseUrl + "/elsewhere/";

        using var response = await client.SendAsync(ActivityBuilder.Post(
            ActivityBuilder.Message(elsewhere, "hello", conversationId: "a:steer"), token));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Task.Delay(300);
        Assert.DoesNotContain(fakes.Server.Requests, r => r.Path.StartsWith("/elsewhere", StringComparison.Ordinal));
    }
}
