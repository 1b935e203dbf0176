using System.Security.Cryptography;
using LiveAssist.Storage;

namespace LiveAssist.Operator.Accounts;

/// <summary>
/// Server-side record of operator sign-ins. The cookie carries a session id; a cookie whose session was ended
/// (sign-out) or is unknown is refused, so signing out revokes the cookie even if someone kept a copy.
/// </summary>
public sealed class OperatorSessions : IOperatorSessions
{
    public const string ClaimType = "liveassist:sid";
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public OperatorSessions(SqliteDatabase database, TimeProvider time)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _database.EnsureSchema("CREATE TABLE IF NOT EXISTS operator_sessions (id TEXT PRIMARY KEY, name TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT)");
    }

    public async Task<string> StartAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO operator_sessions (id, name, started_at) VALUES ($id, $name, $at)";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$at", _time.GetUtcNow().UtcDateTime.ToString("O"));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<bool> IsActiveAsync(string? id, CancellationToken cancellationToken)
        => !string.IsNullOrEmpty(id) && await _database.ReadInt64Async(
            "SELECT count(*) FROM operator_sessions WHERE id = $id AND ended_at IS NULL", cancellationToken, ("$id", id)).ConfigureAwait(false) > 0;

    public Task EndAsync(string id, CancellationToken cancellationToken)
        => _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE operator_sessions SET ended_at = $at WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$at", _time.GetUtcNow().UtcDateTime.ToString("O"));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
}
