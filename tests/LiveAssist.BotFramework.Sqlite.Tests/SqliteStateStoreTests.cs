using System.Text.Json.Nodes;
using LiveAssist.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace LiveAssist.BotFramework.Sqlite.Tests;

/// <summary>A buyer's conversation state survives between turns, and is forgotten after the retention period.</summary>
public sealed class SqliteStateStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "liveassist-state-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    private SqliteStateStore Store() => new(new SqliteDatabase(Path.Combine(_dir, "state.db")), _time, TimeSpan.FromDays(30));

    [Fact]
    public async Task WrittenState_IsReadBack_ByAnotherStoreOnTheSameFile()
    {
        await Store().WriteAsync("conv/1", new JsonObject { ["step"] = "quote", ["qty"] = 3000, ["lang"] = "es-MX" }, CancellationToken.None);

        var read = await Store().ReadAsync("conv/1", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal("quote", (string?)read["step"]);
        Assert.Equal(3000, (int?)read["qty"]);
        Assert.Null(await Store().ReadAsync("conv/2", CancellationToken.None));
    }

    [Fact]
    public async Task ALaterWrite_Replaces_AndADelete_Forgets()
    {
        var store = Store();
        await store.WriteAsync("user/ana", new JsonObject { ["name"] = "Ana" }, CancellationToken.None);
        await store.WriteAsync("user/ana", new JsonObject { ["name"] = "Ana María" }, CancellationToken.None);
        Assert.Equal("Ana María", (string?)(await store.ReadAsync("user/ana", CancellationToken.None))!["name"]);

        await store.DeleteAsync("user/ana", CancellationToken.None);
        Assert.Null(await store.ReadAsync("user/ana", CancellationToken.None));
    }

    [Fact]
    public async Task StateUnusedForTheRetentionPeriod_IsGone_ButRecentStateStays()
    {
        var store = Store();
        await store.WriteAsync("conv/old", new JsonObject { ["step"] = "greeted" }, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(20));
        await store.WriteAsync("conv/recent", new JsonObject { ["step"] = "greeted" }, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(11));

        Assert.Null(await store.ReadAsync("conv/old", CancellationToken.None));
        Assert.NotNull(await store.ReadAsync("conv/recent", CancellationToken.None));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
