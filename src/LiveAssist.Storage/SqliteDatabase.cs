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
    private readonly string _fullPath;

    // SQLite allows one writer; queueing writers here avoids SQLITE_BUSY and the busy handler's
    // growing sleeps, which otherwise dominate tail latency under concurrent turns.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    // Schema steps (DDL, added columns, one-off migrations) are only recorded by the stores' constructors and
    // applied on the first connection handed out, so building the service graph touches no file (issue 18).
    private readonly List<Func<SqliteConnection, CancellationToken, Task>> _steps = [];
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private int _applied;
    private bool _prepared;
    private volatile string? _failure;
    private long _nextRecoveryTicks;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _fullPath = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Why the file cannot be used, or null when it can (or has not been used yet).</summary>
    public string? Failure => _failure;

    public string FileName => Path.GetFileName(FilePath);

    /// <summary>
    /// Records the capability's tables; they are created before the first connection is handed out. A file that
    /// cannot be used is remembered as failed instead of throwing, so the host still starts; the schema is applied
    /// again when the file recovers.
    /// </summary>
    public void EnsureSchema(string sql)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        AddStep(async (connection, cancellationToken) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>Adds a column a newer version of a table has to a file made by an older one (no-op when it is there), before first use.</summary>
    public void EnsureColumn(string table, string column, string definition)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentException.ThrowIfNullOrEmpty(column);
        ArgumentException.ThrowIfNullOrEmpty(definition);
        AddStep(async (connection, cancellationToken) =>
        {
            await using var check = connection.CreateCommand();
            check.CommandText = "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column";
            check.Parameters.AddWithValue("$table", table);
            check.Parameters.AddWithValue("$column", column);
            if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return;
            }

            await using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" {definition}"; // names are ours, never input
            await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Runs <paramref name="migration"/> once, after the schema recorded before it and before any connection is
    /// handed out (again after the file recovers), with no other reader or writer on the file.
    /// </summary>
    public void EnsureMigration(Func<SqliteConnection, CancellationToken, Task> migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        AddStep(migration);
    }

    /// <summary>Null when the file answers a query, else why not (for <c>/readyz</c>).</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is SqliteException or DataFileUnavailableException)
        {
            return ex is DataFileUnavailableException ? _failure : ex.Message;
        }
    }

    private void AddStep(Func<SqliteConnection, CancellationToken, Task> step)
    {
        lock (_steps)
        {
            _steps.Add(step);
        }
    }

    private bool IsReady
    {
        get
        {
            lock (_steps)
            {
                return _failure is null && _prepared && _applied == _steps.Count;
            }
        }
    }

    // Applies what is not applied yet, once, under an async gate. A failed file is tried again at most every few
    // seconds, so a repaired or replaced file comes back by itself; in between it is refused at once.
    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (IsReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsReady)
            {
                return;
            }

            if (_failure is not null)
            {
                var now = Environment.TickCount64;
                if (now < Interlocked.Read(ref _nextRecoveryTicks))
                {
                    throw new DataFileUnavailableException(FileName, _failure);
                }

                SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
                lock (_steps)
                {
                    _prepared = false;
                    _applied = 0;
                }
            }

            try
            {
                await using var connection = new SqliteConnection(_connectionString);
                if (!_prepared)
                {
                    PrepareFile(_fullPath);
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    await using var pragma = connection.CreateCommand();
                    pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
                    await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    lock (_steps)
                    {
                        _prepared = true;
                    }
                }
                else
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                }

                while (NextStep() is { } step)
                {
                    await step(connection, cancellationToken).ConfigureAwait(false);
                    lock (_steps)
                    {
                        _applied++;
                    }
                }

                _failure = null;
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                // A damaged file takes down only the capability that owns it: it answers 503 and /readyz names it.
                _failure = ex is SqliteException ? ex.Message : "the file cannot be created or opened (" + ex.GetType().Name + ")"; // no path in readyz
                Interlocked.Exchange(ref _nextRecoveryTicks, Environment.TickCount64 + 5000);
                throw new DataFileUnavailableException(FileName, _failure);
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private Func<SqliteConnection, CancellationToken, Task>? NextStep()
    {
        lock (_steps)
        {
            return _applied < _steps.Count ? _steps[_applied] : null;
        }
    }

    // Buyer contacts, sign-in audit and bot state are personal data: the files are the service account's only.
    private static void PrepareFile(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Directory.CreateDirectory(directory, OwnerOnly | UnixFileMode.UserExecute);
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(file, OwnerOnly);
            }
        }
    }

    public string ConnectionString => _connectionString;

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

    /// <summary>A connection to the file, its schema applied first (and the file created owner-only) on first use.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
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
