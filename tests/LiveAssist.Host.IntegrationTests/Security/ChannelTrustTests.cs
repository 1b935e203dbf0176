using System.Net;
using System.Net.Http.Json;
using LiveAssist.BotFramework.Connector;
using LiveAssist.BotFramework.Schema;
using LiveAssist.Host.IntegrationTests.BotFramework;
using LiveAssist.Host.IntegrationTests.DirectLine;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>Issue 15 findings 5, 11 and 12: where the bot's replies (and its token) may go.</summary>
public sealed class ChannelTrustTests
{
    [Fact]
    public async Task ApiMessages_InProcessDirectLineServiceUrl_RefusedAndNothingWrittenIntoTheConversation()
    {
        await using var factory = new LiveAssistFactory();
        using var http = factory.CreateClient();
        var directLine = new DirectLineClient(http);
        var token = (await directLine.ChatTokenAsync("en")).GetProperty("token").GetString()!;
        var conversationId = (await directLine.StartAsync(token)).GetProperty("conversationId").GetString()!;
        var (before, _) = await directLine.GetActivitiesAsync(token, conversationId);

        using var response = await http.SendAsync(ActivityBuilder.Post(
            ActivityBuilder.Message("urn:liveassist:directline/", "Pay at http://evil.example", channelId: "directline", conversationId: conversationId)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (after, _) = await directLine.GetActivitiesAsync(token, conversationId);
        Assert.Equal(before.Count, after.Count);
    }

    [Fact]
    public async Task Reply_ConnectorRedirects_RedirectNotFollowed()
    {
        await using var server = await LoopbackServer.StartAsync((routes, s) =>
        {
            routes.MapPost("/redirecting/v3/conversations/{conversationId}/activities/{activityId}",
                (HttpResponse r) => Results.Redirect(s.BaseUrl + "/stolen/token-sink", permanent: false, preserveMethod: true));
            routes.MapPost("/stolen/token-sink", () => Results.Ok());
        });
        await using var factory = new LiveAssistFactory();
        using var http = factory.CreateClient();

        using var response = await http.SendAsync(ActivityBuilder.Post(
            ActivityBuilder.Message(server.BaseUrl + "/redirecting/", "hello", channelId: "emulator", conversationId: "redirect-1", id: "r1")));

        await server.WaitForAsync(r => r.Path.StartsWith("/redirecting/", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await Task.Delay(500);
        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith("/stolen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrustedServiceUrl_AfterRestart_ReplyStillSent()
    {
        var fakes = new BotFrameworkFakes();
        await fakes.InitializeAsync();
        try
        {
            var token = fakes.Issuer.Sign(new TokenSpec(BotFrameworkFakes.AppId, fakes.ServiceUrl));
            using (var client = fakes.Factory.CreateClient())
            {
                using var first = await client.SendAsync(ActivityBuilder.Post(
                    ActivityBuilder.Message(fakes.ServiceUrl, "hello", conversationId: "a:restart-1", id: "100"), token));
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            }

            // The turn is answered off the request: its reply to the trusted serviceUrl is the sign that it ran.
            await fakes.Server.WaitForAsync(r => r.Method == "POST" && r.Path.Contains("restart-1", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

            // A new host on the same data directory (a restart): the merchant answers a question handed over before it.
            await using var restarted = new LiveAssistFactory(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = BotFrameworkFakes.AppId,
                ["MicrosoftAppPassword"] = "app-password",
                ["ToBotFromChannelOpenIdMetadataUrl"] = fakes.Server.BaseUrl + "/openid",
                ["ToChannelFromBotLoginUrl"] = fakes.Server.BaseUrl + "/token",
            }, dataDirectory: fakes.Factory.DataDirectory);
            var connector = restarted.Services.GetRequiredService<ConnectorChannel>();

            var sent = await connector.SendAsync(new Activity
            {
                Type = ActivityTypes.Message,
                Text = "回复: 可以",
                ServiceUrl = fakes.ServiceUrl,
                Conversation = new ConversationAccount("a:restart-1"),
            }, CancellationToken.None);

            Assert.Equal("sent-1", sent.Id);
        }
        finally
        {
            await fakes.DisposeAsync();
        }
    }
}
