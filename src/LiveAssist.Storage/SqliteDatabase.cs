using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveAssist.Storage;

/// <summary>
/// Opens connections to one SQLite file under the data directory, in WAL mode so readers never
/// wait for the writer. Each capability gets its own file and creates its own tables.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    // SQLite allows one writer; queueing writers here avoids SQLITE_BUSY and the busy handler's
    // growing sleeps, which otherwise dominate tail latency under concurrent turns.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
        pragma.ExecuteNonQuery();
    }

    public string FilePath => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    /// <summary>Resolves a database file name under the configured data directory.</summary>
    public static string PathFor(IOptions<StorageOptions> options, IHostEnvironment environment, string fileName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var directory = options.Value.DataDirectory;
        if (!Path.IsPathRooted(directory))
        {
            directory = Path.Combine(environment.ContentRootPath, directory);
        }

        return Path.Combine(directory, fileName);
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Runs <paramref name="write"/> as the only writer of this database.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            return await write(connection).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Runs a query whose first column holds JSON documents (how each capability stores its records) and
    /// returns them deserialized, in the query's order.
    /// </summary>
    public async Task<List<T>> ReadJsonAsync<T>(string sql, JsonSerializerOptions options, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var documents = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), options)!);
        }

        return documents;
    }

    /// <summary>Runs a query that yields one number (a count, a maximum); null reads as 0.</summary>
    public async Task<long> ReadInt64Async(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } result and not DBNull
            ? Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
