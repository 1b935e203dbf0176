using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Storage;

/// <summary>Where LiveAssist keeps its files. Bound from <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for SQLite databases, audio and exports. Relative paths are resolved against the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";
}
