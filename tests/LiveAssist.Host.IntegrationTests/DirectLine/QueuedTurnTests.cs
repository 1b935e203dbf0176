using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Host.IntegrationTests.DirectLine;

/// <summary>
/// Turns run off the HTTP request where the protocol allows it (Direct Line, <c>deliveryMode: normal</c>), as the Agents
/// SDK queues them: a buyer's message is acknowledged while a slow turn is still thinking, and one conversation's turns
/// are answered in the order they were sent. <c>expectReplies</c> still waits for its turn.
/// </summary>
public sealed class QueuedTurnTests
{
    [Fact]
    public async Task ASlowTurn_DoesNotHoldTheBuyersPost_AndTheConversationsTurnsAreAnsweredInOrder()
    {
        var gate = new TurnGate();
        await using var factory = new LiveAssistFactory(services: s => s.AddSingleton<IMiddleware>(gate));
        var http = factory.CreateClient();
        var dl = new DirectLineClient(http);
        var token = (await dl.ChatTokenAsync("en")).GetProperty("token").GetString()!;
        var conversation = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;

        // Both posts come back with their ids while the first turn is held.
        var first = await PostAsync(dl, token, conversation, "hello, what is the MOQ?");
        var second = await PostAsync(dl, token, conversation, "and the price?");
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(gate.Held == 1), TimeSpan.FromSeconds(10)), "the first turn never started");
        await Task.Delay(300);
        Assert.Equal(1, gate.Held); // the second waits for the first: same conversation, one turn at a time

        gate.Release();
        await dl.WaitForAnswerAsync(token, conversation, second);
        var (activities, _) = await dl.GetActivitiesAsync(token, conversation);
        var answered = activities.Where(a => a.GetProperty("type").GetString() == "message" && a.TryGetProperty("replyToId", out _))
            .Select(a => a.GetProperty("replyToId").GetString()).Distinct().ToList();
        Assert.Equal([first, second], answered);
    }

    [Fact]
    public async Task ExpectReplies_StillWaitsForItsTurn()
    {
        await using var factory = new LiveAssistFactory();
        using var response = await factory.CreateClient().PostAsJsonAsync("/api/messages", new
        {
            type = "message", channelId = "emulator", text = "hola", locale = "es-ES", from = new { id = "buyer-1" },
            recipient = new { id = "bot" }, conversation = new { id = "c-expect" }, deliveryMode = "expectReplies",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activities").EnumerateArray());
    }

    private static async Task<string> PostAsync(DirectLineClient dl, string token, string conversation, string text)
    {
        using var response = await dl.SendAsync(HttpMethod.Post, $"/conversations/{conversation}/activities", token,
            new { type = "message", text, locale = "en-US", from = new { id = "buyer-q" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Holds every message turn until released, counting the turns it holds.</summary>
    private sealed class TurnGate : IMiddleware
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _held;

        public int Held => Volatile.Read(ref _held);

        public void Release() => _open.TrySetResult();

        public async Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
        {
            if (turnContext.Activity.Type == "message" && !_open.Task.IsCompleted)
            {
                Interlocked.Increment(ref _held);
                await _open.Task.WaitAsync(cancellationToken);
            }

            await next(cancellationToken);
        }
    }
}
