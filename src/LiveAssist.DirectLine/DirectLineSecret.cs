using LiveAssist.Storage;

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

    public static DirectLineSecret FromConfigOrFile(string? configured, string filePath)
        => new(SecretFile.FromConfigOrFile(configured, filePath).Value);
}
