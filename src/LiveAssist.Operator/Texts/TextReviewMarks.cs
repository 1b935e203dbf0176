using System.Text.Json.Nodes;
using LiveAssist.Dialogs.Content;
using LiveAssist.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Operator.Texts;

/// <summary>
/// Which language of a text was edited last, kept in <c>operator.db</c>: a text changed in one language leaves
/// the other languages "out of date" until they are edited too. Editing a language that is out of date only
/// brings it up to date; editing one that is up to date is a new change that marks the others. Every accepted
/// change of a locale file counts (the side-by-side form, the JSON editor, a rollback, an edit on disk), because
/// it sees them all as a content observer. Files that go in force together (one content version) are one edit,
/// so saving a text in three languages at once marks none of the three.
/// </summary>
public sealed class TextReviewMarks : IContentChangeObserver
{
    private readonly SqliteDatabase _db;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public TextReviewMarks(SqliteDatabase db, IServiceProvider services, TimeProvider time)
    {
        _db = db ?? throw new ArgumentNullException(nameof(db));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        db.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS text_batches (seq INTEGER PRIMARY KEY AUTOINCREMENT, version TEXT NOT NULL, at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS text_edits (file TEXT NOT NULL, key TEXT NOT NULL, lang TEXT NOT NULL, seq INTEGER NOT NULL, author TEXT NOT NULL, PRIMARY KEY (file, key, lang));
            CREATE TABLE IF NOT EXISTS text_changes (file TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, author TEXT NOT NULL, PRIMARY KEY (file, key));
            """);
    }

    public async Task OnAcceptedAsync(string path, string? previousText, string? text, string author, string action, CancellationToken cancellationToken)
    {
        if (ContentPath.KindOf(path) != ContentKind.Locale || text is null)
        {
            return;
        }

        var changed = ChangedKeys(previousText, text);
        if (changed.Count == 0)
        {
            return;
        }

        // Resolved here, not in the constructor: the store takes its observers when it is built.
        var version = _services.GetRequiredService<DialogContentStore>().Current.Version;
        var (file, lang) = (FileOf(path), ContentPath.LanguageOf(path));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _db.WriteAsync(async connection =>
            {
                await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using var last = connection.CreateCommand();
                last.CommandText = "SELECT seq, version FROM text_batches ORDER BY seq DESC LIMIT 1";
                long seq = 0;
                await using (var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetString(1) == version)
                    {
                        seq = reader.GetInt64(0);
                    }
                }

                if (seq == 0)
                {
                    await using var insert = connection.CreateCommand();
                    insert.CommandText = "INSERT INTO text_batches (version, at) VALUES ($version, $at); SELECT last_insert_rowid();";
                    insert.Parameters.AddWithValue("$version", version);
                    insert.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O"));
                    seq = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }

                foreach (var key in changed)
                {
                    // Up to date before this edit (its last edit not older than the key's last change): a new change.
                    await using var upToDate = connection.CreateCommand();
                    upToDate.CommandText = """
                        SELECT COALESCE((SELECT seq FROM text_edits WHERE file = $file AND key = $key AND lang = $lang), 0)
                            >= COALESCE((SELECT seq FROM text_changes WHERE file = $file AND key = $key), 0)
                        """;
                    AddKey(upToDate, file, key, lang);
                    if (Convert.ToInt64(await upToDate.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 1)
                    {
                        await using var change = connection.CreateCommand();
                        change.CommandText = """
                            INSERT INTO text_changes (file, key, seq, author) VALUES ($file, $key, $seq, $author)
                            ON CONFLICT (file, key) DO UPDATE SET seq = excluded.seq, author = excluded.author
                            """;
                        AddKey(change, file, key, lang);
                        change.Parameters.AddWithValue("$seq", seq);
                        change.Parameters.AddWithValue("$author", author);
                        await change.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await using var upsert = connection.CreateCommand();
                    upsert.CommandText = """
                        INSERT INTO text_edits (file, key, lang, seq, author) VALUES ($file, $key, $lang, $seq, $author)
                        ON CONFLICT (file, key, lang) DO UPDATE SET seq = excluded.seq, author = excluded.author
                        """;
                    AddKey(upsert, file, key, lang);
                    upsert.Parameters.AddWithValue("$seq", seq);
                    upsert.Parameters.AddWithValue("$author", author);
                    await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return changed.Count;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The out-of-date languages of each key of <paramref name="file"/>, among <paramref name="languagesWithKey"/>:
    /// those last edited before the key's last change. A key never edited here has none.
    /// </summary>
    public async Task<Dictionary<string, OutOfDate>> OutOfDateAsync(string file, IReadOnlyDictionary<string, IReadOnlyCollection<string>> languagesWithKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(languagesWithKey);
        var changes = new Dictionary<string, (long Seq, string Author)>(StringComparer.Ordinal);
        var edits = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        await using (var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT key, seq, author FROM text_changes WHERE file = $file; SELECT key, lang, seq FROM text_edits WHERE file = $file";
            command.Parameters.AddWithValue("$file", file);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                changes[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var byLang = edits.TryGetValue(reader.GetString(0), out var found) ? found : edits[reader.GetString(0)] = new(StringComparer.Ordinal);
                byLang[reader.GetString(1)] = reader.GetInt64(2);
            }
        }

        var result = new Dictionary<string, OutOfDate>(StringComparer.Ordinal);
        foreach (var (key, change) in changes)
        {
            var byLang = edits.GetValueOrDefault(key) ?? [];
            var stale = (languagesWithKey.GetValueOrDefault(key) ?? []).Where(l => byLang.GetValueOrDefault(l) < change.Seq).Order(StringComparer.Ordinal).ToList();
            if (stale.Count > 0)
            {
                var changedIn = byLang.Where(e => e.Value == change.Seq).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
                result[key] = new OutOfDate(stale, changedIn, change.Author);
            }
        }

        return result;
    }

    private static void AddKey(Microsoft.Data.Sqlite.SqliteCommand command, string file, string key, string lang)
    {
        command.Parameters.AddWithValue("$file", file);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$lang", lang);
    }

    /// <summary>"locales/es/bot.json" → "bot".</summary>
    public static string FileOf(string path) => Path.GetFileNameWithoutExtension(path.Split('/')[^1]);

    private static List<string> ChangedKeys(string? previousText, string text)
    {
        var before = Parse(previousText);
        var after = Parse(text);
        if (after is null)
        {
            return [];
        }

        return [.. after.Select(p => p.Key).Where(k => before is null || !JsonNode.DeepEquals(before[k], after[k]))];
    }

    private static JsonObject? Parse(string? text)
    {
        try
        {
            return text is null ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <param name="Languages">The languages whose text is older than the last change.</param>
/// <param name="ChangedIn">The language(s) of that last change.</param>
public sealed record OutOfDate(IReadOnlyList<string> Languages, IReadOnlyList<string> ChangedIn, string Author);
