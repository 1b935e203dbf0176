namespace LiveAssist.Storage.Tests;

/// <summary>With no configuration a secret is made once and kept, so tokens and sign-ins survive a restart; a configured one always wins.</summary>
public sealed class SecretFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void AConfiguredSecret_IsUsed_AndNothingIsWritten()
    {
        var path = _dir.File("secret.txt");
        Assert.Equal(("from-config", false), SecretFile.FromConfigOrFile("from-config", path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void WithoutConfiguration_OneSecretIsGenerated_AndTheSameOneReturnedAfterARestart()
    {
        var path = _dir.File("nested/secret.txt");
        var (first, generated) = SecretFile.FromConfigOrFile("  ", path);
        var (again, _) = SecretFile.FromConfigOrFile(null, path);

        Assert.True(generated);
        Assert.True(first.Length >= 32);
        Assert.Equal(first, again);
        Assert.NotEqual(first, SecretFile.FromConfigOrFile(null, _dir.File("other.txt")).Value);
    }

    [Fact]
    public void ATooShortStoredSecret_IsReplacedByAStrongOne()
    {
        var path = _dir.File("secret.txt");
        Directory.CreateDirectory(_dir.Path);
        File.WriteAllText(path, "abc\n");
        var (value, _) = SecretFile.FromConfigOrFile(null, path);
        Assert.NotEqual("abc", value);
        Assert.True(value.Length >= 32);
        Assert.Equal(value, File.ReadAllText(path));
    }

    [Fact]
    public void TheSecretFile_IsReadableByTheOwnerOnly_AndNoTempFileIsLeft()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }

        var path = _dir.File("secret.txt");
        SecretFile.Write(path, "s3cr3t");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    public void Dispose() => _dir.Dispose();
}
