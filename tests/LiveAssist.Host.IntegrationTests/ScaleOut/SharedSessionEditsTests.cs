using LiveAssist.Redis;
using LiveAssist.Sessions;
using LiveAssist.Storage;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>
/// The host's phone console on one host and a co-host's laptop on another switch products on one live at the same moment:
/// every product shown joins the live's list, none lost to the other host's stale copy (compare-and-set in Redis).
/// </summary>
public sealed class SharedSessionEditsTests : RedisHostsTest
{
    [RedisFact]
    public async Task ProductsShownOnTwoHostsAtOnce_AllJoinTheLivesList()
    {
        using var redisA = Connect();
        using var redisB = Connect();
        var storeA = Store(redisA);
        var storeB = Store(redisB);
        await storeA.SaveAsync(new LiveSession { Id = "ls-two-hosts", Title = "晨光" }, CancellationToken.None);
        var onA = new ProductOnScreen(new LiveSessionEditor(storeA));
        var onB = new ProductOnScreen(new LiveSessionEditor(storeB));
        var ids = Enumerable.Range(0, 30).Select(i => $"YW-1004{i:00}").ToList();

        await Task.WhenAll(ids.Select((id, i) => Task.Run(() => (i % 2 == 0 ? onA : onB).ShowAsync("ls-two-hosts", id, CancellationToken.None))));

        foreach (var store in new[] { storeA, storeB })
        {
            var live = (await store.GetAsync("ls-two-hosts", CancellationToken.None))!;
            Assert.Equal(ids.Order(), live.ProductList.Order());
            Assert.Equal("晨光", live.Title);
        }
    }

    private static RedisSessionStore Store(RedisConnection redis)
    {
        var directory = RepoPaths.NewTempDirectory("liveassist-sessions");
        return new RedisSessionStore(redis, new SqliteSessionStore(new SqliteDatabase(Path.Combine(directory, "sessions.db"))),
            new RedisOutbox(new SqliteDatabase(Path.Combine(directory, "redis-outbox.db"))));
    }

}
