using System.Security.Cryptography;

namespace LiveAssist.DirectLine;

/// <summary>The channel secret in use: configured, or generated once and kept in a file beside the data.</summary>
public sealed class DirectLineSecret
{
    public DirectLineSecret(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
    }

    public string Value { get; }

    public bool WasGenerated { get; private init; }

    public static DirectLineSecret FromConfigOrFile(string? configured, string filePath)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new DirectLineSecret(configured);
        }

        if (File.Exists(filePath))
        {
            var stored = File.ReadAllText(filePath).Trim();
            if (stored.Length >= 32)
            {
                return new DirectLineSecret(stored) { WasGenerated = true };
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
        var generated = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        // Write then rename, so a crash never leaves a half-written secret.
        var temp = filePath + ".tmp";
        File.WriteAllText(temp, generated);
        File.Move(temp, filePath, overwrite: true);
        return new DirectLineSecret(generated) { WasGenerated = true };
    }
}
