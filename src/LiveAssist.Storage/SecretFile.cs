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

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
        var generated = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        // Write then rename, so a crash never leaves a half-written secret.
        var temp = filePath + ".tmp";
        File.WriteAllText(temp, generated);
        File.Move(temp, filePath, overwrite: true);
        return (generated, true);
    }
}
