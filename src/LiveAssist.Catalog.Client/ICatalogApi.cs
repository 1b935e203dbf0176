using Refit;

namespace LiveAssist.Catalog.Client;

/// <summary>The Chinagoods-style catalog API (<c>/catalog/v1</c>), embedded or a merchant's own.</summary>
public interface ICatalogApi
{
    [Get("/products")]
    Task<ProductPage> SearchAsync(string? q, string? lang, string? category, string? shopId, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Search within some products only (a live's list), comma-separated ids.</summary>
    [Get("/products")]
    Task<ProductPage> SearchWithinAsync(string? q, string? lang, string ids, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>One product; a 404 is an expected answer (unknown id), not an exception.</summary>
    [Get("/products/{id}")]
    Task<IApiResponse<Product>> GetProductAsync(string id, string? lang, CancellationToken cancellationToken);

    [Get("/products/{id}/quote")]
    Task<IApiResponse<Quote>> QuoteAsync(string id, int qty, string? country, string? incoterm, CancellationToken cancellationToken);

    [Put("/products")]
    Task<UpsertResult> UpsertAsync([Body] IEnumerable<Product> products, [Header("X-Api-Key")] string apiKey, CancellationToken cancellationToken);

    [Get("/categories")]
    Task<IReadOnlyList<Category>> GetCategoriesAsync(string? lang, CancellationToken cancellationToken);
}
