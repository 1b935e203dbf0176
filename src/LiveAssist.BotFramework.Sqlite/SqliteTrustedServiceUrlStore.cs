using LiveAssist.BotFramework.Authentication;
using LiveAssist.Storage;
using Microsoft.Data.Sqlite;

namespace LiveAssist.BotFramework.Sqlite;

/// <summary>Vouched-for serviceUrls in the bot's state database, so replies to old conversations work after a restart.</summary>
public sealed class SqliteTrustedServiceUrlStore : ITrustedServiceUrlStore
{
    private readonly SqliteDatabase _database;

    public SqliteTrustedServiceUrlStore(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    public IReadOnlyList<string> Load(int limit)
    {
        try
        {
            // The interface is synchronous; opening through the database creates the file owner-only and applies its schema.
            using var connection = _database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var command = connection.CreateCommand();
            command.CommandText = Schema + "SELECT url FROM trusted_service_urls ORDER BY trusted_at DESC LIMIT $limit";
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var urls = new List<string>();
            while (reader.Read())
            {
                urls.Add(reader.GetString(0));
            }

            return urls;
        }
        catch (Exception ex) when (ex is SqliteException or DataFileUnavailableException)
        {
            return []; // a damaged state file costs the remembered channels, not the bot
        }
    }

    public void Save(string serviceUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        try
        {
            _database.WriteAsync(async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = Schema + "INSERT INTO trusted_service_urls (url, trusted_at) VALUES ($url, CURRENT_TIMESTAMP) ON CONFLICT(url) DO UPDATE SET trusted_at = CURRENT_TIMESTAMP";
                command.Parameters.AddWithValue("$url", serviceUrl);
                return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is SqliteException or DataFileUnavailableException)
        {
            // Still trusted for this process; only the restart loses it.
        }
    }

    private const string Schema = "CREATE TABLE IF NOT EXISTS trusted_service_urls (url TEXT PRIMARY KEY, trusted_at TEXT NOT NULL); ";
}
