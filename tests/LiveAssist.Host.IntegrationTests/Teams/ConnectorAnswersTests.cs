using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.BuyerQa;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Host.IntegrationTests.Teams;

/// <summary>
/// The Connector as Teams runs it: a text send answered 201 with an id, a card send answered 202 with no body.
/// The buyer must see the card answer and nothing else, and the flow they are in must go on.
/// </summary>
public sealed class ConnectorAnswersTests
{
    [Fact]
    public async Task CardSendAnswered202WithNoBody_NoApology_AndTheQuoteFlowGoesOn()
    {
        await using var connector = await LoopbackServer.StartAsync((routes, server) =>
            routes.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", async (HttpRequest request) =>
            {
                var activity = await request.ReadFromJsonAsync<JsonElement>();
                return activity.TryGetProperty("attachments", out _)
                    ? Results.StatusCode(202)
                    : Results.Json(new { id = "sent-" + Guid.NewGuid().ToString("N")[..6] }, statusCode: 201);
            }));
        await using var host = QaHost.Start();
        var (sessionId, _) = await host.CreateSessionAsync("YW-100234");

        await SendAsync(host, connector, "how much is this?", sessionId);
        var first = await SentAsync(connector, 1);
        Assert.Contains(first, a => a.TryGetProperty("attachments", out _)); // the card went out (and got its 202)
        Assert.DoesNotContain(first, a => LocaleFile.IsVariation("en", "error", Text(a)));

        // The conversation's state survived: the quote request knows the product just discussed and goes on to the next question.
        await SendAsync(host, connector, "quote request", sessionId);
        var asked = await SentAsync(connector, 2);
        Assert.True(LocaleFile.IsVariation("en", "quote.askQty", Text(asked[^1])), Text(asked[^1]));
        await SendAsync(host, connector, "3000", sessionId);
        var all = await SentAsync(connector, 3);
        Assert.True(LocaleFile.IsVariation("en", "quote.askCountry", Text(all[^1])), Text(all[^1]));
        Assert.DoesNotContain(all, a => LocaleFile.IsVariation("en", "error", Text(a)));
    }

    private static string? Text(JsonElement activity) => activity.TryGetProperty("text", out var t) ? t.GetString() : null;

    private static async Task SendAsync(QaHost host, LoopbackServer connector, string text, string sessionId)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/messages", new
        {
            type = "message", id = "m-" + Guid.NewGuid().ToString("N")[..6], channelId = "msteams", serviceUrl = connector.BaseUrl + "/", locale = "en-US", text,
            from = new { id = "29:ada", name = "Ada" }, recipient = new { id = "28:bot", name = "LiveAssist" },
            conversation = new { id = "a:personal-ada", conversationType = "personal" },
            channelData = new { sessionId },
        });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<List<JsonElement>> SentAsync(LoopbackServer connector, int atLeast)
    {
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(connector.Requests.Count >= atLeast), TimeSpan.FromSeconds(10)), $"only {connector.Requests.Count} sends");
        await Task.Delay(300); // an apology, if any, would follow the card at once
        return [.. connector.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone())];
    }
}
