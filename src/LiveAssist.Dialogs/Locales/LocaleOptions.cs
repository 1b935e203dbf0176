using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Dialogs.Locales;

/// <summary>Where texts live and which languages the bot speaks. Bound from <c>Locales</c>.</summary>
public sealed class LocaleOptions
{
    public const string SectionName = "Locales";

    /// <summary>Folder of <c>&lt;lang&gt;/*.json</c> text files; relative to the content root.</summary>
    [Required]
    public string Directory { get; set; } = "locales";

    /// <summary>Languages tried, in order, after the buyer's own (the brief: en, then zh).</summary>
    public List<string> Fallbacks { get; set; } = [];

    /// <summary>The fallbacks in order, each once (configuration binding appends to lists), en then zh when none are set.</summary>
    public IReadOnlyList<string> FallbackOrder => Fallbacks.Count == 0 ? ["en", "zh"] : [.. Fallbacks.Distinct(StringComparer.OrdinalIgnoreCase)];
}
