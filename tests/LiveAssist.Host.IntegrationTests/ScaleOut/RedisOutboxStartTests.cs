using LiveAssist.Redis;
using LiveAssist.Storage;
using LiveAssist.Testing;
using Microsoft.Data.Sqlite;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>Issue 18: the outbox reads nothing while the host is composed, yet what a previous run left still queues newer writes behind it.</summary>
public sealed class RedisOutboxStartTests
{
    [Fact]
    public async Task WritesLeftByAPreviousRun_AreCountedOnFirstUse_NotAtConstruction()
    {
        var path = Path.Combine(RepoPaths.NewTempDirectory("liveassist-outbox"), "redis-outbox.db");
        await new RedisOutbox(new SqliteDatabase(path)).AddAsync(RedisOutbox.StateKind, "conv-1", 0, "{}", CancellationToken.None);
        SqliteConnection.ClearAllPools();

        var untouched = Path.Combine(RepoPaths.NewTempDirectory("liveassist-outbox"), "redis-outbox.db");
        _ = new RedisOutbox(new SqliteDatabase(untouched));
        var restarted = new RedisOutbox(new SqliteDatabase(path));

        Assert.False(File.Exists(untouched));
        Assert.Equal(0, restarted.Count); // not read yet
        Assert.True(await restarted.IsWaitingAsync(RedisOutbox.StateKind, "conv-1", CancellationToken.None));
        Assert.False(await restarted.IsWaitingAsync(RedisOutbox.StateKind, "conv-2", CancellationToken.None));
        Assert.Equal(1, await restarted.CountAsync(CancellationToken.None));
    }
}
