using System.Collections.Concurrent;
using System.Text.Json;

namespace LiveAssist.Sessions.Tests;

/// <summary>
/// The console switching products while the host names others in speech: every product shown joins the live's list and
/// the last one stays on screen; none is lost to a stale copy of the live.
/// </summary>
public sealed class ProductOnScreenTests
{
    [Fact]
    public async Task ProductsShownAtOnce_AllJoinTheList_NoneLost()
    {
        var store = new SlowStore();
        await store.SaveAsync(new LiveSession { Id = "ls-1" }, CancellationToken.None);
        var products = new ProductOnScreen(store);
        var ids = Enumerable.Range(0, 20).Select(i => $"YW-1002{i:00}").ToList();

        await Task.WhenAll(ids.Select(id => Task.Run(() => products.ShowAsync("ls-1", id, CancellationToken.None))));

        var live = (await store.GetAsync("ls-1", CancellationToken.None))!;
        Assert.Equal(ids.Order(), live.ProductList.Order());
        Assert.Contains(live.CurrentProductId, ids);
    }

    [Fact]
    public async Task TheProductAlreadyOnScreen_IsNotWrittenAgain_AndAnUnknownLiveIsNull()
    {
        var store = new SlowStore();
        await store.SaveAsync(new LiveSession { Id = "ls-2", CurrentProductId = "YW-100234", ProductList = ["YW-100234"] }, CancellationToken.None);
        var products = new ProductOnScreen(store);
        var saves = store.Saves;

        var same = await products.ShowAsync("ls-2", "yw-100234", CancellationToken.None);
        Assert.Equal(saves, store.Saves);
        Assert.Equal(["YW-100234"], same!.ProductList);
        Assert.Null(await products.ShowAsync("no-such-live", "YW-100234", CancellationToken.None));
    }

    [Fact]
    public async Task ANewList_KeepsTheProductOnScreen()
    {
        var store = new SlowStore();
        await store.SaveAsync(new LiveSession { Id = "ls-3", CurrentProductId = "YW-100236", ProductList = ["YW-100236"] }, CancellationToken.None);

        var live = await new ProductOnScreen(store).ListAsync("ls-3", ["YW-100240", "YW-100236"], CancellationToken.None);

        Assert.Equal(["YW-100240", "YW-100236"], live!.ProductList);
        Assert.Equal("YW-100236", live.CurrentProductId);
    }

    /// <summary>A store that hands out copies and takes its time between a read and a write, as a real one does.</summary>
    private sealed class SlowStore : ISessionStore
    {
        private readonly ConcurrentDictionary<string, string> _rows = new();
        private int _saves;

        public int Saves => Volatile.Read(ref _saves);

        public async Task SaveAsync(LiveSession session, CancellationToken cancellationToken)
        {
            await Task.Delay(2, cancellationToken);
            Interlocked.Increment(ref _saves);
            _rows[session.Id] = JsonSerializer.Serialize(session);
        }

        public async Task<LiveSession?> GetAsync(string id, CancellationToken cancellationToken)
        {
            await Task.Delay(2, cancellationToken);
            return _rows.TryGetValue(id, out var json) ? JsonSerializer.Deserialize<LiveSession>(json) : null;
        }

        public Task<IReadOnlyList<LiveSession>> ListByOwnerAsync(string owner, int limit, CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<LiveSession>>([]);

        public Task<LiveSession?> GetLatestLiveAsync(CancellationToken cancellationToken) => Task.FromResult<LiveSession?>(null);
    }
}
