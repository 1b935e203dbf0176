using LiveAssist.Catalog.Service.Search;
using LiveAssist.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveAssist.Catalog.Service.Tests;

/// <summary>A catalog file indexed by an older stemmer is indexed again before its first search, so buyers' words meet it.</summary>
public sealed class CatalogStoreIndexTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "liveassist-catalog-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AFileIndexedWithOldStems_IsReindexed_AndTheSingularFindsIt()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "catalog.db");
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            // What the previous version left: "Bottle" indexed as "bottle" (stems now drop the final e), user_version 0.
            command.CommandText = """
                CREATE TABLE products (id TEXT PRIMARY KEY, shop_id TEXT, category TEXT, json TEXT NOT NULL, updated_at TEXT NOT NULL);
                CREATE VIRTUAL TABLE products_search USING fts5(title, body, tokenize = "unicode61 remove_diacritics 2");
                INSERT INTO products (id, json, updated_at) VALUES ('T-1',
                    '{"id":"T-1","title":{"en":"Zqx Bottle"},"moq":10,"priceTiers":[{"minQty":10,"unitPrice":3,"currency":"USD"}]}', '1970-01-01T00:00:00Z');
                INSERT INTO products_search (rowid, title, body) SELECT rowid, 'zqx bottle 1', '' FROM products;
                """;
            await command.ExecuteNonQueryAsync();
        }

        var vocabulary = new CatalogVocabulary();
        var dictionaries = new FreeDictLexicon(Options.Create(new CatalogServiceOptions()), vocabulary, NullLogger<FreeDictLexicon>.Instance);
        var store = new CatalogStore(new SqliteDatabase(path), new SearchTerms(SearchLexicon.Load(), CategoryTree.Load(), dictionaries, vocabulary), vocabulary, dictionaries);

        var found = await store.SearchAsync("bottle", "en", null, null, null, 1, 10, CancellationToken.None);

        Assert.Equal(["T-1"], found.Items.Select(p => p.Id));
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
        }
    }
}
