using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Catalog.Client;

/// <summary>Where the bot reads the catalog. Bound from <c>Catalog</c>.</summary>
public sealed class CatalogClientOptions
{
    public const string SectionName = "Catalog";

    /// <summary>Name of the catalog's <see cref="System.Net.Http.HttpClient"/> in the HTTP client factory.</summary>
    public const string HttpClientName = "catalog";

    /// <summary>Base URL of the catalog API, e.g. <c>http://127.0.0.1:5080/catalog/v1</c>. Empty: the embedded catalog of this host.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Key for imports (<c>X-Api-Key</c>). Empty: one is generated into the data directory.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Time one catalog call may take before it is tried again (seconds).</summary>
    [Range(0.1, 30)]
    public double AttemptTimeoutSeconds { get; set; } = 0.8;

    /// <summary>Time all attempts together may take: after it the buyer is told the seller will answer (seconds).</summary>
    [Range(0.5, 60)]
    public double TotalTimeoutSeconds { get; set; } = 2.5;
}
