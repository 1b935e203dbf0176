using System.Text.Json;
using LiveAssist.Storage;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// Utterances and final captions in SQLite (<c>captions.db</c>). An utterance is written the moment
/// it arrives and its captions before they are sent, so a crash loses neither: untranslated
/// utterances are picked up again at start-up, and exports read from here.
/// </summary>
public sealed class SqliteCaptionStore : ICaptionStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SqliteDatabase _database;

    public SqliteCaptionStore(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS utterances (session_id TEXT NOT NULL, seq INTEGER NOT NULL, captioned INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL,
                PRIMARY KEY (session_id, seq));
            CREATE INDEX IF NOT EXISTS utterances_pending ON utterances(captioned) WHERE captioned = 0;
            CREATE TABLE IF NOT EXISTS captions (session_id TEXT NOT NULL, lang TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL,
                PRIMARY KEY (session_id, lang, seq));
            """);
    }

    public Task AddUtteranceAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        var json = JsonSerializer.Serialize(utterance, Json);
        return _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO utterances (session_id, seq, captioned, json) VALUES ($s, $q, 0, $j)";
            command.Parameters.AddWithValue("$s", utterance.SessionId);
            command.Parameters.AddWithValue("$q", utterance.Seq);
            command.Parameters.AddWithValue("$j", json);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Stores an utterance's final captions in every language and marks it captioned, in one transaction.</summary>
    public Task SaveCaptionsAsync(string sessionId, long seq, IReadOnlyCollection<Caption> captions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(captions);
        return _database.WriteAsync(async connection =>
        {
            await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var caption in captions)
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT OR REPLACE INTO captions (session_id, lang, seq, json) VALUES ($s, $l, $q, $j)";
                insert.Parameters.AddWithValue("$s", sessionId);
                insert.Parameters.AddWithValue("$l", caption.Lang);
                insert.Parameters.AddWithValue("$q", seq);
                insert.Parameters.AddWithValue("$j", JsonSerializer.Serialize(caption, Json));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var mark = connection.CreateCommand();
            mark.Transaction = transaction;
            mark.CommandText = "UPDATE utterances SET captioned = 1 WHERE session_id = $s AND seq = $q";
            mark.Parameters.AddWithValue("$s", sessionId);
            mark.Parameters.AddWithValue("$q", seq);
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Final captions of one language after <paramref name="afterSeq"/>, in order.</summary>
    public Task<List<Caption>> ReadCaptionsAsync(string sessionId, string lang, long afterSeq, CancellationToken cancellationToken)
        => _database.ReadJsonAsync<Caption>("SELECT json FROM captions WHERE session_id = $s AND lang = $l AND seq > $q ORDER BY seq",
            Json, cancellationToken, ("$s", sessionId), ("$l", lang), ("$q", afterSeq));

    /// <summary>One final caption, or null when that line has none in this language (yet).</summary>
    public async Task<Caption?> ReadCaptionAsync(string sessionId, string lang, long seq, CancellationToken cancellationToken)
        => (await _database.ReadJsonAsync<Caption>("SELECT json FROM captions WHERE session_id = $s AND lang = $l AND seq = $q",
            Json, cancellationToken, ("$s", sessionId), ("$l", lang), ("$q", seq)).ConfigureAwait(false)).FirstOrDefault();

    public Task<List<Utterance>> ReadUtterancesAsync(string sessionId, CancellationToken cancellationToken)
        => _database.ReadJsonAsync<Utterance>("SELECT json FROM utterances WHERE session_id = $s ORDER BY seq", Json, cancellationToken, ("$s", sessionId));

    /// <summary>Utterances that arrived but were never captioned (the host stopped in between).</summary>
    public Task<List<Utterance>> ReadUncaptionedAsync(CancellationToken cancellationToken)
        => _database.ReadJsonAsync<Utterance>("SELECT json FROM utterances WHERE captioned = 0 ORDER BY session_id, seq", Json, cancellationToken);

    /// <summary>The last sequence number a session used (0 for none).</summary>
    public Task<long> LastSeqAsync(string sessionId, CancellationToken cancellationToken)
        => _database.ReadInt64Async("SELECT MAX(seq) FROM utterances WHERE session_id = $s", cancellationToken, ("$s", sessionId));

    /// <summary>The newest final caption's sequence number in one language (0 for none).</summary>
    public Task<long> LastCaptionSeqAsync(string sessionId, string lang, CancellationToken cancellationToken)
        => _database.ReadInt64Async("SELECT MAX(seq) FROM captions WHERE session_id = $s AND lang = $l", cancellationToken, ("$s", sessionId), ("$l", lang));

    /// <summary>Where each language's last caption left the screen, so the next one does not overlap it.</summary>
    public async Task<Dictionary<string, long>> LastCueEndsAsync(string sessionId, CancellationToken cancellationToken)
    {
        var ends = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var last = await _database.ReadJsonAsync<Caption>("""
            SELECT c.json FROM captions c JOIN (SELECT lang, MAX(seq) AS seq FROM captions WHERE session_id = $s GROUP BY lang) m
            ON c.lang = m.lang AND c.seq = m.seq WHERE c.session_id = $s
            """, Json, cancellationToken, ("$s", sessionId)).ConfigureAwait(false);
        foreach (var caption in last)
        {
            ends[caption.Lang] = caption.Cues.Count > 0 ? caption.Cues[^1].EndMs : caption.EndMs;
        }

        return ends;
    }

    public async Task<(long Utterances, long Captions)> CountAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM utterances WHERE session_id = $s), (SELECT COUNT(*) FROM captions WHERE session_id = $s)";
        command.Parameters.AddWithValue("$s", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
