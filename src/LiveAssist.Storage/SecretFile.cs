using System.Security.Cryptography;

namespace LiveAssist.Storage;

/// <summary>
/// A secret taken from configuration, or generated once and kept in a file in the data directory,
/// so that with no configuration the product still works and stays consistent across restarts.
/// </summary>
public static class SecretFile
{
    public static (string Value, bool Generated) FromConfigOrFile(string? configured, string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, false);
        }

        if (File.Exists(filePath))
        {
            var stored = File.ReadAllText(filePath).Trim();
            if (stored.Length >= 32)
            {
                return (stored, true);
            }
        }

        var generated = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        Write(filePath, generated);
        return (generated, true);
    }

    /// <summary>Writes a secret readable by the owner only; write then rename, so a crash never leaves half of one.</summary>
    public static void Write(string filePath, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
        var temp = filePath + ".tmp";
        File.WriteAllText(temp, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, filePath, overwrite: true);
    }
}
