using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Dialogs.Content;

/// <summary>Where flows live and how often the folders are checked for edits. Bound from <c>Dialogs</c>.</summary>
public sealed class DialogOptions
{
    public const string SectionName = "Dialogs";

    /// <summary>Folder of flow files; relative to the content root.</summary>
    [Required]
    public string Directory { get; set; } = "dialogs";

    /// <summary>Folder of compliance rule packs (issue 19), edited, validated and reloaded like flows; relative to the content root.</summary>
    [Required]
    public string ReviewDirectory { get; set; } = "review";

    /// <summary>How often <c>dialogs/</c> and <c>locales/</c> are checked for changes (a change is live within twice this).</summary>
    [Range(100, 10_000)]
    public int ReloadIntervalMs { get; set; } = 500;
}
