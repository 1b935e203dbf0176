using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.BotFramework.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveAssist.BotFramework.Tests.Pipeline;

public sealed class BotAdapterTests
{
    private readonly RecordingChannel _channel = new();
    private readonly MemoryStateStore _store = new();

    private static Activity Message(string text = "hi", string? deliveryMode = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = "m1",
        Text = text,
        ChannelId = "test",
        ServiceUrl = "test://channel",
        DeliveryMode = deliveryMode,
        From = new ChannelAccount("user"),
        Recipient = new ChannelAccount("bot"),
        Conversation = new ConversationAccount("c1"),
    };

    private BotAdapter Adapter(IBot bot, params IMiddleware[] middleware)
        => new([new StateMiddleware(_store), .. middleware], bot, new OutboundChannels([_channel]), new ResetStateOnErrorHandler(_store), NullLogger<BotAdapter>.Instance);

    [Fact]
    public async Task ProcessAsync_MiddlewareRunsInOrderAroundTheBot()
    {
        var log = new List<string>();
        var adapter = Adapter(new LambdaBot((ctx, _) => { log.Add("bot"); return Task.CompletedTask; }),
            new LoggingMiddleware("a", log), new LoggingMiddleware("b", log));

        await adapter.ProcessAsync(Message(), CancellationToken.None);

        Assert.Equal(["a>", "b>", "bot", "<b", "<a"], log);
    }

    [Fact]
    public async Task ProcessAsync_MiddlewareShortCircuits_BotNotCalled()
    {
        var called = false;
        var adapter = Adapter(new LambdaBot((_, _) => { called = true; return Task.CompletedTask; }), new StopMiddleware());

        await adapter.ProcessAsync(Message(), CancellationToken.None);

        Assert.False(called);
    }

    [Fact]
    public async Task ProcessAsync_SendActivity_AddressedFromIncoming()
    {
        var adapter = Adapter(new LambdaBot((ctx, ct) => ctx.SendActivityAsync("answer", ct)));

        await adapter.ProcessAsync(Message(), CancellationToken.None);

        var sent = Assert.Single(_channel.Sent);
        Assert.Equal("answer", sent.Text);
        Assert.Equal("bot", sent.From!.Id);
        Assert.Equal("user", sent.Recipient!.Id);
        Assert.Equal("c1", sent.Conversation!.Id);
        Assert.Equal("m1", sent.ReplyToId);
    }

    [Fact]
    public async Task ProcessAsync_BotThrows_FailedAndConversationStateReset()
    {
        await _store.WriteAsync("conversation/test/c1", new JsonObject { ["step"] = "corrupt" }, CancellationToken.None);
        var adapter = Adapter(new LambdaBot((_, _) => throw new InvalidOperationException("boom")));

        var result = await adapter.ProcessAsync(Message(), CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Null(await _store.ReadAsync("conversation/test/c1", CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_StateChanged_SavedAfterTurn()
    {
        var adapter = Adapter(new LambdaBot((ctx, _) =>
        {
            ctx.ConversationState.Set("count", ctx.ConversationState.Get<int>("count") + 1);
            ctx.UserState.Set("lang", "pt");
            return Task.CompletedTask;
        }));

        await adapter.ProcessAsync(Message(), CancellationToken.None);
        await adapter.ProcessAsync(Message(), CancellationToken.None);

        Assert.Equal(2, (await _store.ReadAsync("conversation/test/c1", CancellationToken.None))!["count"]!.GetValue<int>());
        Assert.Equal("pt", (await _store.ReadAsync("user/test/user", CancellationToken.None))!["lang"]!.GetValue<string>());
        Assert.Equal(2, _store.Writes["conversation/test/c1"]);
        Assert.Equal(1, _store.Writes["user/test/user"]); // unchanged state is not written again
    }

    [Fact]
    public async Task ProcessAsync_UnhandledInvoke_501()
    {
        var adapter = Adapter(new EmptyHandler());
        var invoke = Message();
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "composeExtension/query";

        var result = await adapter.ProcessAsync(invoke, CancellationToken.None);

        Assert.Equal(501, result.InvokeResponse!.Status);
    }

    [Fact]
    public async Task ProcessAsync_ExpectReplies_BufferedNotSent()
    {
        var adapter = Adapter(new LambdaBot(async (ctx, ct) =>
        {
            await ctx.SendActivityAsync("one", ct);
            await ctx.SendActivityAsync("two", ct);
        }));

        var result = await adapter.ProcessAsync(Message(deliveryMode: "expectReplies"), CancellationToken.None);

        Assert.Empty(_channel.Sent);
        Assert.Equal(["one", "two"], result.ExpectedReplies!.Select(a => a.Text));
    }

    [Fact]
    public async Task ActivityHandler_MembersAdded_SkipsTheBotItself()
    {
        var greeted = new List<string>();
        var adapter = Adapter(new GreetingHandler(greeted));
        var update = Message();
        update.Type = ActivityTypes.ConversationUpdate;
        update.MembersAdded = [new ChannelAccount("bot"), new ChannelAccount("user")];

        await adapter.ProcessAsync(update, CancellationToken.None);

        Assert.Equal(["user"], greeted);
    }

    private sealed class LambdaBot(Func<ITurnContext, CancellationToken, Task> onTurn) : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) => onTurn(turnContext, cancellationToken);
    }

    private sealed class EmptyHandler : ActivityHandler;

    private sealed class GreetingHandler(List<string> greeted) : ActivityHandler
    {
        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
        {
            greeted.AddRange(membersAdded.Select(m => m.Id!));
            return Task.CompletedTask;
        }
    }

    private sealed class LoggingMiddleware(string name, List<string> log) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
        {
            log.Add(name + ">");
            await next(cancellationToken);
            log.Add("<" + name);
        }
    }

    private sealed class StopMiddleware : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
