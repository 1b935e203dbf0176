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
        var products = new ProductOnScreen(new LiveSessionEditor(store));
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
        var products = new ProductOnScreen(new LiveSessionEditor(store));
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

        var live = await new ProductOnScreen(new LiveSessionEditor(store)).ListAsync("ls-3", ["YW-100240", "YW-100236"], CancellationToken.None);

        Assert.Equal(["YW-100240", "YW-100236"], live!.ProductList);
        Assert.Equal("YW-100236", live.CurrentProductId);
    }

    [Fact]
    public async Task GlossaryEditsAndEndingRacingProductChanges_AllSurvive()
    {
        var store = new SlowStore();
        await store.SaveAsync(new LiveSession { Id = "ls-4" }, CancellationToken.None);
        var editor = new LiveSessionEditor(store);
        var products = new ProductOnScreen(editor);
        var ids = Enumerable.Range(0, 15).Select(i => $"YW-1003{i:00}").ToList();
        var terms = Enumerable.Range(0, 15).Select(i => $"保温杯{i}").ToList();
        var endedAt = new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

        await Task.WhenAll(
            ids.Select(id => Task.Run(() => products.ShowAsync("ls-4", id, CancellationToken.None)))
                .Concat(terms.Select(term => Task.Run(() => editor.UpdateAsync("ls-4", live =>
                {
                    live.Glossary.Add(new GlossaryEntry(term, new Dictionary<string, string> { ["en"] = "vacuum flask" }));
                    return true;
                }, CancellationToken.None))))
                .Append(Task.Run(() => editor.UpdateAsync("ls-4", live =>
                {
                    live.EndedAt = endedAt;
                    return true;
                }, CancellationToken.None))));

        var live = (await store.GetAsync("ls-4", CancellationToken.None))!;
        Assert.Equal(ids.Order(), live.ProductList.Order());
        Assert.Equal(terms.Order(), live.Glossary.Select(g => g.Source).Order());
        Assert.Equal(endedAt, live.EndedAt);
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
