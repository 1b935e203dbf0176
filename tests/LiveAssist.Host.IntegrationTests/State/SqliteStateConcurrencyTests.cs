using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.BotFramework.Sqlite;
using LiveAssist.BotFramework.State;
using LiveAssist.Storage;
using LiveAssist.Testing;
using Microsoft.Data.Sqlite;

namespace LiveAssist.Host.IntegrationTests.State;

/// <summary>
/// Bot state in the embedded SQLite store is written with an ETag, as the Agents SDK's storage does: two turns of one
/// buyer running at once (a quick second message while the first is still being answered) both keep what they learned.
/// </summary>
public sealed class SqliteStateConcurrencyTests
{
    [Fact]
    public async Task TwoTurnsOfOneBuyerAtOnce_BothAnswersAreKept()
    {
        var store = new SqliteStateStore(new SqliteDatabase(Path.Combine(RepoPaths.NewTempDirectory("liveassist-etag"), "state.db")));
        var middleware = new StateMiddleware(store);
        var firstHasRead = new TaskCompletionSource();
        var secondHasWritten = new TaskCompletionSource();

        // "3000 pcs" is still being answered when "Brazil" arrives and is answered first.
        var quantity = Turn("3000 pcs");
        var country = Turn("Brazil");
        var first = middleware.OnTurnAsync(quantity, async _ =>
        {
            firstHasRead.SetResult();
            await secondHasWritten.Task;
            quantity.ConversationState.Set("quoteQty", 3000);
        }, CancellationToken.None);
        await firstHasRead.Task;
        await middleware.OnTurnAsync(country, _ =>
        {
            country.ConversationState.Set("quoteCountry", "BR");
            return Task.CompletedTask;
        }, CancellationToken.None);
        secondHasWritten.SetResult();
        await first;

        var state = await store.ReadAsync(StateKeys.Conversation(Turn("x").Activity)!, CancellationToken.None);
        Assert.Equal(3000, state!["quoteQty"]!.GetValue<int>());
        Assert.Equal("BR", state["quoteCountry"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWriteOverAnOlderVersion_IsRefusedAndLeavesTheNewerRecord()
    {
        var store = new SqliteStateStore(new SqliteDatabase(Path.Combine(RepoPaths.NewTempDirectory("liveassist-etag"), "state.db")));
        Assert.True(await store.TryWriteAsync("conv/a", new JsonObject { ["lang"] = "es" }, expectedETag: null, CancellationToken.None));
        var read = await store.ReadVersionedAsync("conv/a", CancellationToken.None);
        Assert.NotNull(read.ETag);

        Assert.False(await store.TryWriteAsync("conv/a", new JsonObject { ["lang"] = "pt" }, expectedETag: null, CancellationToken.None));
        Assert.True(await store.TryWriteAsync("conv/a", new JsonObject { ["lang"] = "fr" }, read.ETag, CancellationToken.None));
        Assert.False(await store.TryWriteAsync("conv/a", new JsonObject { ["lang"] = "ru" }, read.ETag, CancellationToken.None));

        var now = await store.ReadVersionedAsync("conv/a", CancellationToken.None);
        Assert.Equal("fr", now.Value!["lang"]!.GetValue<string>());
        Assert.NotEqual(read.ETag, now.ETag);
    }

    [Fact]
    public async Task AStateFileFromBeforeVersions_IsReadAndWrittenWithETags()
    {
        var path = Path.Combine(RepoPaths.NewTempDirectory("liveassist-etag"), "state.db");
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE bot_state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
                INSERT INTO bot_state (key, value) VALUES ('user/buyer-7', '{"lang":"es"}');
                """;
            await create.ExecuteNonQueryAsync();
        }

        var store = new SqliteStateStore(new SqliteDatabase(path));
        var read = await store.ReadVersionedAsync("user/buyer-7", CancellationToken.None);
        Assert.Equal("es", read.Value!["lang"]!.GetValue<string>());
        Assert.True(await store.TryWriteAsync("user/buyer-7", new JsonObject { ["lang"] = "pt" }, read.ETag, CancellationToken.None));
        Assert.Equal("pt", (await store.ReadAsync("user/buyer-7", CancellationToken.None))!["lang"]!.GetValue<string>());
    }

    private static TurnContext Turn(string text)
        => new(new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "directline",
            Text = text,
            Conversation = new ConversationAccount("one-conversation"),
            From = new ChannelAccount("buyer-1", "Ana"),
        }, new NoChannel());

    private sealed class NoChannel : IOutboundChannel
    {
        public bool Handles(string serviceUrl) => true;

        public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse("1"));

        public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse("1"));

        public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
