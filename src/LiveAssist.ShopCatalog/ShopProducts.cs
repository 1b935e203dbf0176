using LiveAssist.Catalog.Client;
using LiveAssist.ShopCatalog.Import;

namespace LiveAssist.ShopCatalog;

/// <summary>
/// A merchant's own products, through the catalog API (embedded or the merchant's own, the same calls): only
/// products of their shop are listed, changed or imported; a product id another shop already uses is refused.
/// </summary>
public sealed class ShopProducts(ICatalogApi catalog, CatalogImportKey importKey)
{
    public async Task<ProductPage> ListAsync(string shopId, string? query, int page, CancellationToken cancellationToken)
        => await catalog.SearchAsync(query, null, null, shopId, page, 50, cancellationToken).ConfigureAwait(false);

    /// <summary>The product with all its languages, if it is this shop's; otherwise why not.</summary>
    public async Task<(Product? Product, ShopRefusal Refusal)> GetAsync(string shopId, string id, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        return existing is null ? (null, ShopRefusal.Unknown)
            : !IsOf(existing, shopId) ? (null, ShopRefusal.OtherShop)
            : (existing, ShopRefusal.None);
    }

    /// <summary>Saves the form's product as this shop's, whole or not at all.</summary>
    public async Task<(Product? Saved, ShopRefusal Refusal, string? Error)> SaveAsync(string shopId, Product product, bool isNew, CancellationToken cancellationToken)
    {
        var existing = product.Id is null ? null : await FindAsync(product.Id, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !IsOf(existing, shopId))
        {
            return (null, ShopRefusal.OtherShop, null);
        }

        if (existing is not null && isNew)
        {
            return (null, ShopRefusal.Exists, null);
        }

        if (product.Images?.FirstOrDefault(i => !ProductRowMapper.IsPictureAddress(i)) is { } badPicture)
        {
            return (null, ShopRefusal.Invalid, $"图片地址“{badPicture[..Math.Min(40, badPicture.Length)]}”不对。A picture address is not a link.");
        }

        product.Shop = existing?.Shop ?? await ShopAsync(shopId, cancellationToken).ConfigureAwait(false);
        product.UpdatedAt = DateTimeOffset.UtcNow;
        if (ProductValidator.Validate(product) is { } error)
        {
            return (null, ShopRefusal.Invalid, error);
        }

        var result = await catalog.UpsertAsync([product], importKey.Value, cancellationToken).ConfigureAwait(false);
        return result.Rejected is { Count: > 0 } rejected ? (null, ShopRefusal.Invalid, rejected[0].Error) : (product, ShopRefusal.None, null);
    }

    /// <summary>What each row of a sheet would do (nothing is saved), or, with <paramref name="commit"/>, saves the good rows.</summary>
    public async Task<ImportOutcome> ImportAsync(string shopId, ProductSheet sheet, bool commit, CancellationToken cancellationToken)
    {
        var (columns, problem) = ProductColumns.From(sheet.Header);
        if (columns is null)
        {
            return ImportOutcome.Refused(problem!);
        }

        var ids = sheet.Rows.Select(r => ProductRowMapper.IdOf(r, columns)).Where(i => !string.IsNullOrEmpty(i)).Select(i => i!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var existing = await FindManyAsync(ids, cancellationToken).ConfigureAwait(false);
        var shop = await ShopAsync(shopId, cancellationToken).ConfigureAwait(false);
        var ready = new List<(SheetRow Row, Product Product, bool IsNew)>();
        var rejected = new List<ImportRowProblem>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in sheet.Rows)
        {
            var id = ProductRowMapper.IdOf(row, columns);
            if (string.IsNullOrEmpty(id))
            {
                rejected.Add(new ImportRowProblem(row.Number, null, "这一行没有填“编号”。This row has no id."));
                continue;
            }

            if (!seen.Add(id))
            {
                rejected.Add(new ImportRowProblem(row.Number, id, $"编号 {id} 在文件里出现了两次，只导入第一次的那行。id {id} appears twice in this file."));
                continue;
            }

            var before = existing.GetValueOrDefault(id);
            if (before is not null && !IsOf(before, shopId))
            {
                rejected.Add(new ImportRowProblem(row.Number, id, $"编号 {id} 已经是别的店铺的商品，请换一个编号。id {id} belongs to another shop."));
                continue;
            }

            var (product, error) = ProductRowMapper.Apply(row, columns, before, before?.Shop ?? shop);
            if (product is null)
            {
                rejected.Add(new ImportRowProblem(row.Number, id, error!));
                continue;
            }

            ready.Add((row, product, before is null));
        }

        var rows = ready.Select(r => new ImportRowReady(r.Row.Number, r.Product.Id!, r.Product.Title?.For("zh") ?? string.Empty, r.IsNew)).ToList();
        if (!commit || ready.Count == 0)
        {
            return new ImportOutcome(null, sheet.Rows.Count, rows, rejected, columns.Ignored, 0, 0);
        }

        var saved = await catalog.UpsertAsync(ready.Select(r => r.Product).ToList(), importKey.Value, cancellationToken).ConfigureAwait(false);
        foreach (var refused in saved.Rejected ?? [])
        {
            rejected.Add(new ImportRowProblem(ready[refused.Index].Row.Number, ready[refused.Index].Product.Id, refused.Error));
        }

        var refusedRows = (saved.Rejected ?? []).Select(r => ready[r.Index].Row.Number).ToHashSet();
        return new ImportOutcome(null, sheet.Rows.Count, [.. rows.Where(r => !refusedRows.Contains(r.Row))], [.. rejected.OrderBy(r => r.Row)], columns.Ignored, saved.Inserted, saved.Updated);
    }

    private static bool IsOf(Product product, string shopId) => string.Equals(product.Shop?.Id, shopId, StringComparison.OrdinalIgnoreCase);

    private async Task<Product?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var response = await catalog.GetProductAsync(id, null, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? response.Content : null;
    }

    private async Task<Dictionary<string, Product>> FindManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Product>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in ids.Chunk(100))
        {
            var page = await catalog.SearchWithinAsync(null, null, string.Join(',', chunk), 1, 100, cancellationToken).ConfigureAwait(false);
            foreach (var product in page.Items)
            {
                if (product.Id is { } id)
                {
                    found[id] = product;
                }
            }
        }

        return found;
    }

    // The shop's name as its products already carry it; a shop with none yet is named by its id.
    private async Task<Shop> ShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var some = await catalog.SearchAsync(null, null, null, shopId, 1, 1, cancellationToken).ConfigureAwait(false);
        return some.Items.FirstOrDefault()?.Shop is { } shop ? new Shop { Id = shop.Id, Name = shop.Name, Booth = shop.Booth }
            : new Shop { Id = shopId, Name = new LocalizedText { ["zh"] = shopId } };
    }
}

/// <summary>The catalog import key the studio writes with (configured, or the embedded catalog's generated one).</summary>
public sealed record CatalogImportKey(string Value);

public enum ShopRefusal
{
    None,
    Unknown,
    OtherShop,
    Exists,
    Invalid,
}

public sealed record ImportRowReady(int Row, string Id, string Title, bool IsNew);

public sealed record ImportRowProblem(int Row, string? Id, string Error);

public sealed record ImportOutcome(string? Problem, int Rows, IReadOnlyList<ImportRowReady> Ready, IReadOnlyList<ImportRowProblem> Rejected, IReadOnlyList<string> IgnoredColumns, int Inserted, int Updated)
{
    public static ImportOutcome Refused(string problem) => new(problem, 0, [], [], [], 0, 0);
}
