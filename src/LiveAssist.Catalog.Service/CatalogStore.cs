using System.Text.Json;
using LiveAssist.Catalog.Client;
using LiveAssist.Catalog.Service.Search;
using LiveAssist.Storage;
using Microsoft.Data.Sqlite;

namespace LiveAssist.Catalog.Service;

/// <summary>
/// Products in SQLite: the product JSON as given, plus an FTS5 index of title terms (weighted) and
/// body terms built by <see cref="SearchTerms"/>.
/// </summary>
internal sealed class CatalogStore
{
    private readonly SqliteDatabase _database;
    private readonly SearchTerms _terms;
    private readonly CatalogVocabulary _vocabulary;
    private readonly SemaphoreSlim _vocabularyGate = new(1, 1);
    private readonly FreeDictLexicon _dictionaries;
    private volatile bool _dictionariesStarted;

    public CatalogStore(SqliteDatabase database, SearchTerms terms, CatalogVocabulary vocabulary, FreeDictLexicon dictionaries)
    {
        _dictionaries = dictionaries;
        _database = database;
        _terms = terms;
        _vocabulary = vocabulary;
        _database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS products (
                id TEXT PRIMARY KEY,
                shop_id TEXT,
                category TEXT,
                json TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS products_category ON products(category);
            CREATE INDEX IF NOT EXISTS products_shop ON products(shop_id);
            CREATE VIRTUAL TABLE IF NOT EXISTS products_search USING fts5(title, body, tokenize = "unicode61 remove_diacritics 2");
            INSERT INTO products_search (products_search, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
            """);
        _database.EnsureMigration(MigrateOldIndexAsync);
        _database.EnsureMigration(ReindexIfOlderAsync);
    }

    // The index holds TextTokens stems. When they change, a file indexed with the old ones is re-indexed once, or a
    // buyer's word would be looked up under another term than the one its product was indexed under.
    // 1: a final e is dropped (bottle and bottles both bottl).
    private const int IndexVersion = 1;

    private async Task ReindexIfOlderAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "PRAGMA user_version";
            if ((long)(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! >= IndexVersion)
            {
                return;
            }
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var clear = Command(connection, transaction, "DELETE FROM products_search"))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await IndexEveryProductAsync(connection, transaction, cancellationToken).ConfigureAwait(false);

        await using (var version = Command(connection, transaction, $"PRAGMA user_version = {IndexVersion}"))
        {
            await version.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // The first index kept the product id as an FTS column, so replacing one product scanned the whole index.
    // The index is now keyed by the products table's rowid; an old database is re-indexed once.
    // Runs before the first use of the file, with no other reader or writer on it.
    private async Task MigrateOldIndexAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'products_fts'";
            if ((long)(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
            {
                return;
            }
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await IndexEveryProductAsync(connection, transaction, cancellationToken).ConfigureAwait(false);

        await using (var drop = Command(connection, transaction, "DROP TABLE products_fts"))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Every stored product into the search index, with today's terms (both migrations re-index this way).
    private async Task IndexEveryProductAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var index = Command(connection, transaction, "INSERT INTO products_search (rowid, title, body) VALUES ($rowid, $title, $body)");
        await using (var read = Command(connection, transaction, "SELECT rowid, json FROM products"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var (title, body) = _terms.ForProduct(JsonSerializer.Deserialize<Product>(reader.GetString(1), CatalogJson.Options)!);
                index.Parameters.Clear();
                index.Parameters.AddWithValue("$rowid", reader.GetInt64(0));
                index.Parameters.AddWithValue("$title", title);
                index.Parameters.AddWithValue("$body", body);
                await index.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM products";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Writes valid products in one transaction; returns how many were new and how many replaced.</summary>
    public Task<(int Inserted, int Updated)> UpsertAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken)
        => _database.WriteAsync(async connection =>
        {
            int inserted = 0, updated = 0;
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var exists = Command(connection, transaction, "SELECT 1 FROM products WHERE id = $id");
            await using var upsert = Command(connection, transaction, """
                INSERT INTO products (id, shop_id, category, json, updated_at) VALUES ($id, $shop, $category, $json, $updated)
                ON CONFLICT(id) DO UPDATE SET shop_id = excluded.shop_id, category = excluded.category, json = excluded.json, updated_at = excluded.updated_at
                RETURNING rowid
                """);
            await using var unindex = Command(connection, transaction, "DELETE FROM products_search WHERE rowid = $rowid");
            await using var index = Command(connection, transaction, "INSERT INTO products_search (rowid, title, body) VALUES ($rowid, $title, $body)");
            foreach (var product in products)
            {
                exists.Parameters.Clear();
                exists.Parameters.AddWithValue("$id", product.Id);
                var isUpdate = await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;

                upsert.Parameters.Clear();
                upsert.Parameters.AddWithValue("$id", product.Id);
                upsert.Parameters.AddWithValue("$shop", (object?)product.Shop?.Id ?? DBNull.Value);
                upsert.Parameters.AddWithValue("$category", (object?)product.Category ?? DBNull.Value);
                upsert.Parameters.AddWithValue("$json", JsonSerializer.Serialize(product, CatalogJson.Options));
                upsert.Parameters.AddWithValue("$updated", (product.UpdatedAt ?? DateTimeOffset.UnixEpoch).ToString("O"));
                var rowid = (long)(await upsert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

                var (title, body) = _terms.ForProduct(product);
                _vocabulary.Add(product);
                if (isUpdate)
                {
                    unindex.Parameters.Clear();
                    unindex.Parameters.AddWithValue("$rowid", rowid);
                    await unindex.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                index.Parameters.Clear();
                index.Parameters.AddWithValue("$rowid", rowid);
                index.Parameters.AddWithValue("$title", title);
                index.Parameters.AddWithValue("$body", body);
                await index.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                if (isUpdate)
                {
                    updated++;
                }
                else
                {
                    inserted++;
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (inserted, updated);
        }, cancellationToken);

    public async Task<Product?> GetAsync(string id, CancellationToken cancellationToken)
        => (await _database.ReadJsonAsync<Product>("SELECT json FROM products WHERE id = $id COLLATE NOCASE", CatalogJson.Options, cancellationToken, ("$id", id))
            .ConfigureAwait(false)).FirstOrDefault();

    /// <summary>
    /// A page of products matching the buyer's words (best first) and the filters, each with how well it matches
    /// (0 to 1); all products when there are no words. <paramref name="ids"/> limits the search to those products
    /// (a live's list and the product on screen).
    /// </summary>
    public async Task<CatalogSearchResult> SearchAsync(string? query, string? language, string? category, string? shopId, IReadOnlyList<string>? ids,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        await EnsureVocabularyAsync(cancellationToken).ConfigureAwait(false);
        var search = _terms.ForQuery(query, language);
        if (query is not null && search is null)
        {
            return new([], 0, new Dictionary<string, double>()); // only stop words or punctuation: nothing to look for
        }

        var match = search?.Match;
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var filters = new List<string>();
        if (category is not null)
        {
            filters.Add("(p.category = $category OR p.category LIKE $categoryPrefix)");
            command.Parameters.AddWithValue("$category", category);
            command.Parameters.AddWithValue("$categoryPrefix", category.Replace("%", string.Empty, StringComparison.Ordinal) + "/%");
        }

        if (shopId is not null)
        {
            filters.Add("p.shop_id = $shop");
            command.Parameters.AddWithValue("$shop", shopId);
        }

        if (ids is { Count: > 0 })
        {
            var names = ids.Select((id, i) => "$id" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            filters.Add($"p.id IN ({string.Join(", ", names)})");
            for (var i = 0; i < ids.Count; i++)
            {
                command.Parameters.AddWithValue(names[i], ids[i]);
            }
        }

        var where = filters.Count == 0 ? string.Empty : " AND " + string.Join(" AND ", filters);
        // Ranked search pages inside the index (title terms weigh 10x, set as the index's rank function) and
        // reads product JSON only for the page; the total is a separate count, so a word matching thousands
        // of products costs a doclist scan, not thousands of JSON rows.
        command.CommandText = match is null
            ? $"SELECT p.json FROM products p WHERE 1 = 1{where} ORDER BY p.id LIMIT $limit OFFSET $offset"
            : filters.Count == 0
                ? """
                  WITH page AS (SELECT rowid, rank FROM products_search WHERE products_search MATCH $match ORDER BY rank LIMIT $limit OFFSET $offset)
                  SELECT p.json FROM page JOIN products p ON p.rowid = page.rowid ORDER BY page.rank
                  """
                : $"""
                   WITH page AS (
                       SELECT p.rowid AS id, s.rank AS rank FROM products_search s JOIN products p ON p.rowid = s.rowid
                       WHERE products_search MATCH $match{where} ORDER BY s.rank LIMIT $limit OFFSET $offset)
                   SELECT p.json FROM page JOIN products p ON p.rowid = page.id ORDER BY page.rank
                   """;
        if (match is not null)
        {
            command.Parameters.AddWithValue("$match", match);
        }

        command.Parameters.AddWithValue("$limit", pageSize);
        command.Parameters.AddWithValue("$offset", (page - 1) * pageSize);
        var items = new List<Product>(pageSize);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(JsonSerializer.Deserialize<Product>(reader.GetString(0), CatalogJson.Options)!);
            }
        }

        var scores = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var (title, body) = _terms.ForProduct(item);
            scores[item.Id ?? string.Empty] = search is null ? 1 : Math.Round(search.Score(title, body), 3);
        }

        // The index ranks by bm25; a product with more of the buyer's words in its title goes first.
        if (search is not null)
        {
            items = [.. items.OrderByDescending(i => scores[i.Id ?? string.Empty])];
        }

        var total = page == 1 && items.Count < pageSize
            ? items.Count
            : await CountMatchesAsync(connection, match, command, where, cancellationToken).ConfigureAwait(false);
        return new(items, total, scores);
    }

    // Cross-language matching needs the catalog's own words; a store opened on an existing database reads them once.
    public async Task EnsureVocabularyAsync(CancellationToken cancellationToken)
    {
        if (_dictionariesStarted)
        {
            return;
        }

        await _vocabularyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_vocabulary.IsEmpty)
            {
                foreach (var product in await _database.ReadJsonAsync<Product>("SELECT json FROM products LIMIT 50000", CatalogJson.Options, cancellationToken).ConfigureAwait(false))
                {
                    _vocabulary.Add(product);
                }
            }

            _dictionaries.WarmUp();
            _dictionariesStarted = true;
        }
        finally
        {
            _vocabularyGate.Release();
        }
    }

    private static async Task<int> CountMatchesAsync(SqliteConnection connection, string? match, SqliteCommand original, string where, CancellationToken cancellationToken)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = match is null
            ? $"SELECT count(*) FROM products p WHERE 1 = 1{where}"
            : where.Length == 0
                ? "SELECT count(*) FROM products_search WHERE products_search MATCH $match"
                : $"SELECT count(*) FROM products_search s JOIN products p ON p.rowid = s.rowid WHERE products_search MATCH $match{where}";
        foreach (SqliteParameter parameter in original.Parameters)
        {
            if (parameter.ParameterName is not "$limit" and not "$offset")
            {
                count.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
            }
        }

        return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}

/// <summary>A page of search results with each product's match score (0 to 1).</summary>
internal sealed record CatalogSearchResult(List<Product> Items, int Total, IReadOnlyDictionary<string, double> Scores);
