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

    public CatalogStore(SqliteDatabase database, SearchTerms terms)
    {
        _database = database;
        _terms = terms;
        _database.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS products (
                id TEXT PRIMARY KEY,
                shop_id TEXT,
                category TEXT,
                json TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS products_category ON products(category);
            CREATE INDEX IF NOT EXISTS products_shop ON products(shop_id);
            CREATE VIRTUAL TABLE IF NOT EXISTS products_fts USING fts5(id UNINDEXED, title, body, tokenize = "unicode61 remove_diacritics 2");
            """, CancellationToken.None).GetAwaiter().GetResult();
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
                """);
            await using var unindex = Command(connection, transaction, "DELETE FROM products_fts WHERE id = $id");
            await using var index = Command(connection, transaction, "INSERT INTO products_fts (id, title, body) VALUES ($id, $title, $body)");
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
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                var (title, body) = _terms.ForProduct(product);
                unindex.Parameters.Clear();
                unindex.Parameters.AddWithValue("$id", product.Id);
                await unindex.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                index.Parameters.Clear();
                index.Parameters.AddWithValue("$id", product.Id);
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
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM products WHERE id = $id COLLATE NOCASE";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize<Product>(json, CatalogJson.Options)
            : null;
    }

    /// <summary>A page of products matching the buyer's words (best first) and the filters; all products when there are no words.</summary>
    public async Task<(List<Product> Items, int Total)> SearchAsync(string? query, string? category, string? shopId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var match = _terms.ForQuery(query);
        if (query is not null && match is null)
        {
            return ([], 0); // only stop words or punctuation: nothing to look for
        }

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

        var where = filters.Count == 0 ? string.Empty : " AND " + string.Join(" AND ", filters);
        command.CommandText = match is null
            ? $"SELECT p.json, count(*) OVER () FROM products p WHERE 1 = 1{where} ORDER BY p.id LIMIT $limit OFFSET $offset"
            // bm25() cannot share a query with a window function, so rank first (title terms weigh 10x).
            : $"""
               WITH hits AS MATERIALIZED (
                   SELECT id, bm25(products_fts, 0.0, 10.0, 1.0) AS rank FROM products_fts WHERE products_fts MATCH $match)
               SELECT p.json, count(*) OVER () FROM hits h JOIN products p ON p.id = h.id
               WHERE 1 = 1{where}
               ORDER BY h.rank LIMIT $limit OFFSET $offset
               """;
        if (match is not null)
        {
            command.Parameters.AddWithValue("$match", match);
        }

        command.Parameters.AddWithValue("$limit", pageSize);
        command.Parameters.AddWithValue("$offset", (page - 1) * pageSize);
        var items = new List<Product>(pageSize);
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(JsonSerializer.Deserialize<Product>(reader.GetString(0), CatalogJson.Options)!);
            total = reader.GetInt32(1);
        }

        if (items.Count == 0 && page > 1)
        {
            total = await CountMatchesAsync(connection, match, command, where, cancellationToken).ConfigureAwait(false);
        }

        return (items, total);
    }

    private static async Task<int> CountMatchesAsync(SqliteConnection connection, string? match, SqliteCommand original, string where, CancellationToken cancellationToken)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = match is null
            ? $"SELECT count(*) FROM products p WHERE 1 = 1{where}"
            : $"SELECT count(*) FROM products_fts f JOIN products p ON p.id = f.id WHERE products_fts MATCH $match{where}";
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
