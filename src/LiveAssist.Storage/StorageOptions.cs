using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Storage;

/// <summary>Where LiveAssist keeps its files. Bound from <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for SQLite databases, audio and exports. Relative paths are resolved against the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Bot state unused for this many days is forgotten (30).</summary>
    [Range(1, 3650)]
    public int StateRetentionDays { get; set; } = 30;

    /// <summary>Below this much free space on the data disk, <c>/readyz</c> says storage failed (64 MiB).</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeMegabytes { get; set; } = 64;
}
