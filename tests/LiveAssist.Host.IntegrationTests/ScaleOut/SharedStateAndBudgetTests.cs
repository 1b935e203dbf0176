using System.Net;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.BotFramework.State;
using LiveAssist.BuyerQa;
using LiveAssist.BuyerQa.Handoff;
using LiveAssist.Redis;
using LiveAssist.BotFramework.Sqlite;
using LiveAssist.Review;
using LiveAssist.Storage;
using LiveAssist.Testing;
using Microsoft.Extensions.Options;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>
/// Bot state and abuse budgets with several hosts on one real redis-server: two turns of the same buyer on two hosts at
/// once both keep what they learned (ETag compare-and-set, then the later turn's changes laid over the newer record), and
/// a buyer the load balancer spreads over two hosts gets the chat-token budget once, not once per host.
/// </summary>
public sealed class SharedStateAndBudgetTests : RedisHostsTest
{
    [RedisFact]
    public async Task TwoHostsTurnsOfOneBuyerAtOnce_BothAnswersAreKept()
    {
        using var hostA = Connect();
        using var hostB = Connect();
        var onA = new StateMiddleware(Store(hostA));
        var onB = new StateMiddleware(Store(hostB));
        var turnAHasRead = new TaskCompletionSource();
        var turnBHasWritten = new TaskCompletionSource();

        // The buyer's quantity reaches host A, and while A's turn is still running their country reaches host B.
        var quantity = Turn("3000 pcs");
        var country = Turn("Brazil");
        var turnA = onA.OnTurnAsync(quantity, async _ =>
        {
            turnAHasRead.SetResult();
            await turnBHasWritten.Task;
            quantity.ConversationState.Set("quoteQty", 3000);
        }, CancellationToken.None);
        await turnAHasRead.Task;
        await onB.OnTurnAsync(country, _ =>
        {
            country.ConversationState.Set("quoteCountry", "BR");
            return Task.CompletedTask;
        }, CancellationToken.None);
        turnBHasWritten.SetResult();
        await turnA;

        // A third turn, on either host, knows both: neither turn overwrote the other.
        var state = await Store(hostA).ReadAsync(StateKeys.Conversation(Turn("x").Activity)!, CancellationToken.None);
        Assert.Equal(3000, state!["quoteQty"]!.GetValue<int>());
        Assert.Equal("BR", state["quoteCountry"]!.GetValue<string>());
    }

    [RedisFact]
    public async Task BuyerSpreadOverTwoHosts_GetsTheChatTokenBudgetOnce()
    {
        var environment = new Dictionary<string, string>
        {
            ["Redis__Configuration"] = Redis.Configuration,
            ["RateLimits__ChatTokenPermitsPerMinute"] = "4",
        };
        await using var a = await HostProcess.StartAsync(environment, port: HostProcess.FreePortIn(5400, 5499));
        await using var b = await HostProcess.StartAsync(environment, port: HostProcess.FreePortIn(5400, 5499));
        using var onA = new HttpClient { BaseAddress = new Uri(a.BaseUrl) };
        using var onB = new HttpClient { BaseAddress = new Uri(b.BaseUrl) };
        if (DateTime.UtcNow.Second >= 55)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second)); // one budget minute for the whole test
        }

        var answers = new List<HttpStatusCode>();
        foreach (var client in new[] { onA, onB, onA, onB, onA, onB })
        {
            using var response = await client.PostAsync("/chat/token?lang=en", null);
            answers.Add(response.StatusCode);
        }

        // Four tokens in all, then both hosts refuse: alone, each would have given four.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }

    [RedisFact]
    public async Task AReplyReviewedOnOneHost_IsInTheReviewRecordOnAnother_BoundedPerLive()
    {
        using var hostA = Connect();
        using var hostB = Connect();
        var options = Options.Create(new BuyerQaOptions { MaxReviewedRepliesPerSession = 2 });
        var onA = new RedisReplyReviewLog(hostA, LocalReviews(options), options, Outbox());
        var onB = new RedisReplyReviewLog(hostB, LocalReviews(options), options, Outbox());

        // The bot's reply reviewed on A, the merchant's on B, then a third on A over the live's cap of two.
        await onA.AddAsync(Reply("r1", ReviewedReply.Bot, 0), CancellationToken.None);
        await onB.AddAsync(Reply("r2", ReviewedReply.Merchant, 1), CancellationToken.None);
        await onA.AddAsync(Reply("r3", ReviewedReply.Bot, 2), CancellationToken.None);

        // Each host's console shows both, oldest first; alone, each host would show only its own.
        Assert.Equal(["r1", "r2"], (await onB.ListAsync("live-1", CancellationToken.None)).Select(r => r.Id));
        Assert.Equal(["r1", "r2"], (await onA.ListAsync("live-1", CancellationToken.None)).Select(r => r.Id));
        Assert.Empty(await onA.ListAsync("live-2", CancellationToken.None));
    }

    private static ReplyReviewLog LocalReviews(IOptions<BuyerQaOptions> options)
        => new(new BuyerQaDatabase(new SqliteDatabase(Path.Combine(RepoPaths.NewTempDirectory("liveassist-buyerqa"), "buyerqa.db"))), options);

    private static ReviewedReply Reply(string id, string source, int minute)
        => new(id, "live-1", new DateTimeOffset(2026, 12, 1, 20, minute, 0, TimeSpan.Zero), source, "en", "100% safe", "safe", []);

    private static TurnContext Turn(string text)
        => new(new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "directline",
            Text = text,
            Conversation = new ConversationAccount("shared-conversation"),
            From = new ChannelAccount("buyer-1", "Ana"),
        }, new NoChannel());


    private static RedisStateStore Store(RedisConnection redis)
        => new(redis, new SqliteStateStore(new SqliteDatabase(Path.Combine(RepoPaths.NewTempDirectory("liveassist-state"), "state.db"))), TimeSpan.FromDays(1), Outbox());

    private static RedisOutbox Outbox() => new(new SqliteDatabase(Path.Combine(RepoPaths.NewTempDirectory("liveassist-outbox"), "redis-outbox.db")));

    private sealed class NoChannel : IOutboundChannel
    {
        public bool Handles(string serviceUrl) => true;

        public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse("1"));

        public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse("1"));

        public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
