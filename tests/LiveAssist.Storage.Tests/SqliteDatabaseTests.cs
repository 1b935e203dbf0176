using Microsoft.Data.Sqlite;

namespace LiveAssist.Storage.Tests;

/// <summary>A capability's SQLite file: private to the service account, and a damaged one is reported instead of stopping the host.</summary>
public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task ANewFile_TakesTheCapabilitysTables_AndAnswers()
    {
        var db = new SqliteDatabase(_dir.File("leads.db"));
        db.EnsureSchema("CREATE TABLE IF NOT EXISTS leads (id TEXT PRIMARY KEY, contact TEXT)");

        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO leads VALUES ('l1', 'ana@example.com')";
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        Assert.Null(db.Failure);
        Assert.Null(await db.CheckAsync(CancellationToken.None));
        Assert.Equal("leads.db", db.FileName);
    }

    [Fact]
    public async Task BuyerDataFiles_AreTheOwnersOnly_EvenWhenTheyExistedWithWiderRights()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = _dir.File("state.db");
        Directory.CreateDirectory(_dir.Path);
        File.WriteAllBytes(path, []);

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var db = new SqliteDatabase(path);
        Assert.Null(await db.CheckAsync(CancellationToken.None)); // the rights are put right on first use
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task ADamagedFile_IsReportedByName_NotThrownAtStart()
    {
        var path = _dir.File("captions.db");
        Directory.CreateDirectory(_dir.Path);
        await File.WriteAllBytesAsync(path, [.. Enumerable.Repeat((byte)'x', 8192)]);

        var db = new SqliteDatabase(path);
        db.EnsureSchema("CREATE TABLE IF NOT EXISTS captions (seq INTEGER)");

        Assert.NotNull(await db.CheckAsync(CancellationToken.None));
        Assert.NotNull(db.Failure);
        var refused = await Assert.ThrowsAsync<DataFileUnavailableException>(async () => await db.OpenAsync(CancellationToken.None));
        Assert.Contains("captions.db", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructing_WithSchemaAndColumns_DoesNotCreateOrTouchTheFile()
    {
        var path = _dir.File("sessions.db");

        var db = new SqliteDatabase(path);
        db.EnsureSchema("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY)");
        db.EnsureColumn("sessions", "ended_at", "TEXT");
        db.EnsureMigration((_, _) => throw new InvalidOperationException("a migration ran while the host was composed"));

        Assert.False(Directory.Exists(_dir.Path));
        Assert.Null(db.Failure);
    }

    [Fact]
    public async Task FirstWrite_CreatesTheSchemaOnce_ThenTheStoresTablesAnswer()
    {
        var db = new SqliteDatabase(_dir.File("outbox.db"));
        db.EnsureSchema("CREATE TABLE pending (id INTEGER PRIMARY KEY)"); // no IF NOT EXISTS: a second run would fail
        db.EnsureColumn("pending", "json", "TEXT");
        var migrations = 0;
        db.EnsureMigration((_, _) =>
        {
            migrations++;
            return Task.CompletedTask;
        });

        var writes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => db.WriteAsync(async connection =>
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO pending (id, json) VALUES ({i}, '{{}}')";
            return await insert.ExecuteNonQueryAsync();
        }, CancellationToken.None)));

        Assert.All(writes, n => Assert.Equal(1, n));
        Assert.Equal(1, migrations);
        Assert.Equal(8, await db.ReadInt64Async("SELECT count(json) FROM pending", CancellationToken.None));
        Assert.Null(db.Failure);
    }

    [Fact]
    public async Task SchemaAddedAfterFirstUse_IsAppliedBeforeTheNextConnection()
    {
        var db = new SqliteDatabase(_dir.File("state.db"));
        db.EnsureSchema("CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY)");
        Assert.Null(await db.CheckAsync(CancellationToken.None));

        db.EnsureSchema("CREATE TABLE IF NOT EXISTS trusted (url TEXT PRIMARY KEY)");

        Assert.Equal(0, await db.ReadInt64Async("SELECT count(*) FROM trusted", CancellationToken.None));
    }

    [Fact]
    public async Task SchemaThatFails_IsReportedByName_OnFirstUse_NotAtConstruction()
    {
        var db = new SqliteDatabase(_dir.File("catalog.db"));
        db.EnsureSchema("CREATE TABLE products (id TEXT PRIMARY KEY"); // broken DDL: what an unusable file looks like to the store

        var refused = await Assert.ThrowsAsync<DataFileUnavailableException>(
            () => db.WriteAsync(_ => Task.FromResult(0), CancellationToken.None));

        Assert.Contains("catalog.db", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(db.Failure);
        Assert.Equal(db.Failure, await db.CheckAsync(CancellationToken.None));
        await Assert.ThrowsAsync<DataFileUnavailableException>(async () => await db.OpenAsync(CancellationToken.None));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
