using System.Text.Json;
using System.Text.RegularExpressions;
using LiveAssist.Storage;

namespace LiveAssist.Presenter.Lines;

/// <summary>
/// Voiced lines, cached per session, language and line: the line's JSON in SQLite (<c>presenter.db</c>)
/// and its audio as a file under <c>speech/</c> in the data directory, written whole or not at all.
/// </summary>
public sealed partial class PresenterLineStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SqliteDatabase _database;
    private readonly string _audioDirectory;

    public PresenterLineStore(SqliteDatabase database, string audioDirectory)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _audioDirectory = audioDirectory;
        _database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS lines (session_id TEXT NOT NULL, lang TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL,
                PRIMARY KEY (session_id, lang, seq));
            """);
    }

    public async Task<PresenterLine?> ReadAsync(string sessionId, string lang, long seq, CancellationToken cancellationToken)
        => (await _database.ReadJsonAsync<PresenterLine>("SELECT json FROM lines WHERE session_id = $s AND lang = $l AND seq = $q",
            Json, cancellationToken, ("$s", sessionId), ("$l", lang), ("$q", seq)).ConfigureAwait(false)).FirstOrDefault();

    public Task<List<PresenterLine>> ReadAllAsync(string sessionId, string lang, CancellationToken cancellationToken)
        => _database.ReadJsonAsync<PresenterLine>("SELECT json FROM lines WHERE session_id = $s AND lang = $l ORDER BY seq",
            Json, cancellationToken, ("$s", sessionId), ("$l", lang));

    /// <summary>Audio first, then the line: a line in the table always has its audio on disk.</summary>
    public async Task SaveAsync(string sessionId, PresenterLine line, byte[]? audio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (audio is not null)
        {
            var path = AudioPath(sessionId, line.Lang, line.Seq);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            await File.WriteAllBytesAsync(temporary, AiGeneratedWav.Label(audio), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }

        var json = JsonSerializer.Serialize(line, Json);
        await _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO lines (session_id, lang, seq, json) VALUES ($s, $l, $q, $j)";
            command.Parameters.AddWithValue("$s", sessionId);
            command.Parameters.AddWithValue("$l", line.Lang);
            command.Parameters.AddWithValue("$q", line.Seq);
            command.Parameters.AddWithValue("$j", json);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The line's audio file, or null when there is none.</summary>
    public string? ExistingAudio(string sessionId, string lang, long seq)
    {
        var path = AudioPath(sessionId, lang, seq);
        return File.Exists(path) ? path : null;
    }

    private string AudioPath(string sessionId, string lang, long seq)
    {
        // Session ids and languages reach here from URLs: only plain names make it into a path.
        if (!SafeName().IsMatch(sessionId) || !SafeName().IsMatch(lang))
        {
            throw new ArgumentException("Session id or language is not a plain name.");
        }

        return Path.Combine(_audioDirectory, sessionId, lang, seq.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".wav");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SafeName();
}
