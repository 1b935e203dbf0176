using LiveAssist.Catalog.Service.Search;
using System.Text.Json;
using LiveAssist.Catalog.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LiveAssist.Catalog.Service;

/// <summary>The Chinagoods-style catalog API under <c>/catalog/v1</c> (contract section 1).</summary>
public static class CatalogEndpoints
{
    public const string BasePath = "/catalog/v1";
    public const string OpenApiGroup = "catalog";
    private const long MaxImportBytes = 64L * 1024 * 1024;

    public static RouteGroupBuilder MapCatalogApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(BasePath).WithGroupName(OpenApiGroup).WithTags("Catalog").DisableAntiforgery();
        group.MapGet("/products", SearchAsync).WithSummary("Search products in any supported language");
        group.MapGet("/products/{id}", GetAsync).WithSummary("One product");
        group.MapGet("/products/{id}/quote", QuoteAsync).WithSummary("Price, MOQ check, lead time and shipping estimate for a quantity");
        group.MapPut("/products", UpsertAsync).WithSummary("Bulk upsert (X-Api-Key); bad items are rejected one by one");
        group.MapGet("/images/{id}.png", async (string id, CatalogStore store, CancellationToken cancellationToken) =>
            await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } product
                ? Results.File(ProductPicture.For(product), "image/png")
                : NotFound(id))
            .WithSummary("A product's picture (the sample catalog's are drawn here)");
        group.MapGet("/status", (FreeDictLexicon dictionaries) => TypedResults.Json(new { dictionaries = dictionaries.Status() }, CatalogJson.Options))
            .WithSummary("What cross-language search can use: each FreeDict dictionary (ready, loading, not installed)");
        group.MapGet("/categories", (string? lang, CategoryTree tree) => TypedResults.Json(tree.Localized(Lang(lang)), CatalogJson.Options))
            .WithSummary("Category tree");
        return group;
    }

    private static async Task<IResult> SearchAsync(string? q, string? lang, string? category, string? shopId, string? ids, int? page, int? pageSize,
        CatalogStore store, CancellationToken cancellationToken)
    {
        var p = page ?? 1;
        var size = pageSize ?? 20;
        if (p < 1 || size is < 1 or > 100)
        {
            return Problem(400, "Bad paging", "page starts at 1; pageSize is 1 to 100.");
        }

        if (q is { Length: > 200 })
        {
            return Problem(400, "Query too long", "Search with at most 200 characters.");
        }

        var only = ids?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (only is { Count: > 200 })
        {
            return Problem(400, "Too many ids", "Search within at most 200 products.");
        }

        var language = Lang(lang);
        var found = await store.SearchAsync(string.IsNullOrWhiteSpace(q) ? null : q, language, category, shopId, only, p, size, cancellationToken).ConfigureAwait(false);
        var shown = language is null ? found.Items : [.. found.Items.Select(i => ProductLocalizer.Localize(i, language))];
        return TypedResults.Json(new ProductPage(shown, found.Total, p, size) { Scores = found.Scores }, CatalogJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, string? lang, CatalogStore store, CancellationToken cancellationToken)
    {
        var product = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (product is null)
        {
            return NotFound(id);
        }

        var language = Lang(lang);
        return TypedResults.Json(language is null ? product : ProductLocalizer.Localize(product, language), CatalogJson.Options);
    }

    private static async Task<IResult> QuoteAsync(string id, int? qty, string? country, string? incoterm, CatalogStore store, CancellationToken cancellationToken)
    {
        if (qty is not > 0)
        {
            return Problem(400, "Quantity needed", "Ask for a quote with qty, a whole number above 0.");
        }

        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            return Problem(400, "Bad country", "country is a two-letter ISO 3166 code such as BR or AE.");
        }

        var product = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (product is null)
        {
            return NotFound(id);
        }

        var offered = product.Shipping?.Incoterms ?? [];
        if (incoterm is not null && offered.Count > 0 && !offered.Contains(incoterm.ToUpperInvariant()))
        {
            return Problem(422, "Incoterm not offered", $"This product ships {string.Join(", ", offered)}, not {incoterm}.");
        }

        return TypedResults.Json(QuoteCalculator.Calculate(product, qty.Value, country?.ToUpperInvariant(), incoterm?.ToUpperInvariant()), CatalogJson.Options);
    }

    private static async Task<IResult> UpsertAsync(HttpContext context, CatalogStore store, CatalogApiKey key, IOptions<CatalogServiceOptions> options, CancellationToken cancellationToken)
    {
        if (!key.Matches(context.Request.Headers["X-Api-Key"].ToString()))
        {
            return Problem(401, "Import key needed", "Send the catalog import key (Catalog:ApiKey) in the X-Api-Key header.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxImportBytes;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem(400, "Not JSON", $"The body must be a JSON array of products: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return Problem(400, "Not an array", "Send a JSON array of products, even for one product.");
            }

            var count = document.RootElement.GetArrayLength();
            if (count > options.Value.MaxImportItems)
            {
                return Problem(413, "Too many products", $"Send at most {options.Value.MaxImportItems} products per request.");
            }

            var (accepted, rejected) = Sort(document.RootElement.EnumerateArray());
            var (inserted, updated) = accepted.Count == 0 ? (0, 0) : await store.UpsertAsync(accepted, cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(new UpsertResult(inserted, updated, rejected), CatalogJson.Options);
        }
    }

    /// <summary>An import's items split into products to store and items refused (each with its index and why).</summary>
    internal static (List<Product> Accepted, List<RejectedItem> Rejected) Sort(IEnumerable<JsonElement> items)
    {
        var accepted = new List<Product>();
        var rejected = new List<RejectedItem>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var element in items)
        {
            var (product, error) = Read(element);
            error ??= product is not null && !seen.Add(product.Id!) ? $"id '{product.Id}' appears twice in this import" : null;
            if (error is null)
            {
                product!.UpdatedAt ??= DateTimeOffset.UtcNow;
                accepted.Add(product);
            }
            else
            {
                rejected.Add(new RejectedItem(index, error));
            }

            index++;
        }

        return (accepted, rejected);
    }

    internal static (Product? Product, string? Error) Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, "the item is not a JSON object");
        }

        try
        {
            var product = element.Deserialize<Product>(CatalogJson.Options);
            return (product, ProductValidator.Validate(product));
        }
        catch (JsonException ex)
        {
            return (null, "a field has the wrong type: " + (ex.Path ?? ex.Message));
        }
    }

    internal static string? Lang(string? lang)
        => lang is { Length: >= 2 and <= 20 } && lang.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? lang : null;

    private static IResult NotFound(string id) => Problem(404, "Unknown product", $"There is no product '{Truncate(id)}' in this catalog.");

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
