using System.ComponentModel.DataAnnotations;

namespace LiveAssist.ShopCatalog;

/// <summary>Limits of the studio's product management. Bound from <c>ShopCatalog</c>.</summary>
public sealed class ShopCatalogOptions
{
    public const string SectionName = "ShopCatalog";

    /// <summary>Largest picture a merchant may upload (5 MiB: a phone photo; cards show 240 px).</summary>
    [Range(64 * 1024, 50L * 1024 * 1024)]
    public long MaxPictureBytes { get; set; } = 5L * 1024 * 1024;

    /// <summary>All uploaded pictures together may take this much of the data disk (2 GiB).</summary>
    [Range(1, 1024L * 1024)]
    public long MaxPictureStoreMegabytes { get; set; } = 2048;

    /// <summary>Largest CSV or XLSX file for an import (5 MiB: tens of thousands of rows).</summary>
    [Range(64 * 1024, 50L * 1024 * 1024)]
    public long MaxImportBytes { get; set; } = 5L * 1024 * 1024;

    /// <summary>Rows one import may hold; more is refused whole, so nothing is half-imported.</summary>
    [Range(1, 20000)]
    public int MaxImportRows { get; set; } = 2000;
}
