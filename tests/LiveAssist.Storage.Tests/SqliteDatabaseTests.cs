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
    public void BuyerDataFiles_AreTheOwnersOnly_EvenWhenTheyExistedWithWiderRights()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = _dir.File("state.db");
        Directory.CreateDirectory(_dir.Path);
        File.WriteAllBytes(path, []);

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        _ = new SqliteDatabase(path);
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

        Assert.NotNull(db.Failure);
        Assert.NotNull(await db.CheckAsync(CancellationToken.None));
        var refused = await Assert.ThrowsAsync<DataFileUnavailableException>(async () => await db.OpenAsync(CancellationToken.None));
        Assert.Contains("captions.db", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
