using System.Net;
using System.Text.Json;
using LiveAssist.Catalog.Client;
using Refit;

namespace LiveAssist.Catalog.Service;

/// <summary>
/// The catalog client when the catalog is embedded: the same answers as <c>/catalog/v1</c> (localized products,
/// scores, 404 for an unknown id, 422 for an incoterm not offered), straight from the store, without a loopback
/// HTTP round trip and two JSON serializations per call. Refit stays for an external <c>Catalog:BaseUrl</c>.
/// </summary>
internal sealed class EmbeddedCatalogApi(CatalogStore store, CategoryTree categories, CatalogApiKey key) : ICatalogApi
{
    private static readonly RefitSettings Settings = new();

    public Task<ProductPage> SearchAsync(string? q, string? lang, string? category, string? shopId, int page, int pageSize, CancellationToken cancellationToken)
        => SearchCoreAsync(q, lang, category, shopId, null, page, pageSize, cancellationToken);

    public Task<ProductPage> SearchWithinAsync(string? q, string? lang, string ids, int page, int pageSize, CancellationToken cancellationToken)
        => SearchCoreAsync(q, lang, null, null, ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).Take(200).ToList(),
            page, pageSize, cancellationToken);

    public async Task<IApiResponse<Product>> GetProductAsync(string id, string? lang, CancellationToken cancellationToken)
    {
        var product = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (product is null)
        {
            return Answer<Product>(HttpStatusCode.NotFound, null);
        }

        var language = CatalogEndpoints.Lang(lang);
        return Answer(HttpStatusCode.OK, language is null ? product : ProductLocalizer.Localize(product, language));
    }

    public async Task<IApiResponse<Quote>> QuoteAsync(string id, int qty, string? country, string? incoterm, CancellationToken cancellationToken)
    {
        if (qty <= 0 || (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetter))))
        {
            return Answer<Quote>(HttpStatusCode.BadRequest, null);
        }

        var product = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (product is null)
        {
            return Answer<Quote>(HttpStatusCode.NotFound, null);
        }

        var offered = product.Shipping?.Incoterms ?? [];
        if (incoterm is not null && offered.Count > 0 && !offered.Contains(incoterm.ToUpperInvariant()))
        {
            return Answer<Quote>(HttpStatusCode.UnprocessableEntity, null);
        }

        return Answer(HttpStatusCode.OK, QuoteCalculator.Calculate(product, qty, country?.ToUpperInvariant(), incoterm?.ToUpperInvariant()));
    }

    public async Task<UpsertResult> UpsertAsync(IEnumerable<Product> products, string apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(products);
        if (!key.Matches(apiKey))
        {
            throw new UnauthorizedAccessException("The catalog import key (Catalog:ApiKey) is needed.");
        }

        // The same checks as an import over HTTP: each item read back from its JSON, duplicates refused.
        var (accepted, rejected) = CatalogEndpoints.Sort(products.Select(p => JsonSerializer.SerializeToElement(p, CatalogJson.Options)));
        var (inserted, updated) = accepted.Count == 0 ? (0, 0) : await store.UpsertAsync(accepted, cancellationToken).ConfigureAwait(false);
        return new UpsertResult(inserted, updated, rejected);
    }

    public Task<IReadOnlyList<Category>> GetCategoriesAsync(string? lang, CancellationToken cancellationToken)
        => Task.FromResult(categories.Localized(CatalogEndpoints.Lang(lang)));

    private async Task<ProductPage> SearchCoreAsync(string? q, string? lang, string? category, string? shopId, IReadOnlyList<string>? ids, int page, int pageSize, CancellationToken cancellationToken)
    {
        var p = Math.Max(1, page);
        var size = Math.Clamp(pageSize, 1, 100);
        var query = string.IsNullOrWhiteSpace(q) ? null : q.Length > 200 ? q[..200] : q;
        var language = CatalogEndpoints.Lang(lang);
        var found = await store.SearchAsync(query, language, category, shopId, ids, p, size, cancellationToken).ConfigureAwait(false);
        var shown = language is null ? found.Items : [.. found.Items.Select(i => ProductLocalizer.Localize(i, language))];
        return new ProductPage(shown, found.Total, p, size) { Scores = found.Scores };
    }

    // Refit's response type wants the request it answers; callers read only the status and the content.
    private static readonly Uri Embedded = new("http://embedded/catalog/v1");

    private static ApiResponse<T> Answer<T>(HttpStatusCode status, T? content)
        => new(new HttpResponseMessage(status) { RequestMessage = new HttpRequestMessage(HttpMethod.Get, Embedded) }, content, Settings);
}
