using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Catalog.Service;

/// <summary>The embedded catalog service. Bound from <c>Catalog</c> (shared with the client's settings).</summary>
public sealed class CatalogServiceOptions
{
    /// <summary>Key that imports must send as <c>X-Api-Key</c>; generated into the data directory when empty.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Load the sample catalog when the store is empty (first run).</summary>
    public bool LoadSampleCatalog { get; set; } = true;

    /// <summary>Where Debian's FreeDict dictionaries (dictd format) are; buyers' words in their languages are looked up there.</summary>
    public string FreeDictDirectory { get; set; } = "/usr/share/dictd";

    /// <summary>Most products one import may carry.</summary>
    [Range(1, 100_000)]
    public int MaxImportItems { get; set; } = 10_000;
}
