using LiveAssist.BuyerQa.Understanding;
using LiveAssist.Catalog.Client;

namespace LiveAssist.BuyerQa.Answers;

/// <summary>
/// Finds the product a buyer's words describe, nearest first: the live's own list and the product on screen,
/// then the live's shop, then the whole market catalog (said so, since it is another shop's). A product is
/// named only when at least half the buyer's words are in it; when two are as good, the buyer chooses.
/// </summary>
public sealed class ProductResolver(ICatalogApi catalog)
{
    /// <summary>Share of the buyer's words a product must carry to be the one they mean.</summary>
    public const double MinimumScore = 0.5;

    private const int Page = 12;

    public async Task<ProductResolution> ResolveAsync(string words, string language, QaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var live = context.ProductList.Append(context.CurrentProductId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Take(200).ToList();
        if (live.Count > 0)
        {
            var page = await catalog.SearchWithinAsync(words, language, string.Join(',', live), 1, Page, cancellationToken).ConfigureAwait(false);
            if (Pick(page, context, preferLive: live) is { } found)
            {
                return found;
            }
        }

        if (context.ShopId is { } shop)
        {
            var page = await catalog.SearchAsync(words, language, null, shop, 1, Page, cancellationToken).ConfigureAwait(false);
            if (Pick(page, context, preferLive: live) is { } found)
            {
                return found;
            }
        }

        var market = await catalog.SearchAsync(words, language, null, null, 1, Page, cancellationToken).ConfigureAwait(false);
        if (Pick(market, context, preferLive: live) is { } other)
        {
            return other with { OtherShop = context.ShopId is not null && other.Product?.Shop?.Id is { } s && !string.Equals(s, context.ShopId, StringComparison.OrdinalIgnoreCase) };
        }

        return ProductResolution.Nothing;
    }

    private static ProductResolution? Pick(ProductPage page, QaContext context, IReadOnlyList<string> preferLive)
    {
        double Score(Product p) => page.Scores is { } scores && p.Id is { } id && scores.TryGetValue(id, out var s) ? s : 0.6;
        var good = page.Items.Where(p => Score(p) >= MinimumScore).ToList();
        if (good.Count == 0)
        {
            return null;
        }

        var best = Score(good[0]);
        var top = good.Where(p => Score(p) >= best - 0.001).ToList();
        if (top.Count == 1)
        {
            return new ProductResolution(top[0], [], false);
        }

        // Equally good: the one on screen, else the one the live lists first; otherwise the buyer chooses.
        if (top.FirstOrDefault(p => string.Equals(p.Id, context.CurrentProductId, StringComparison.OrdinalIgnoreCase)) is { } onScreen)
        {
            return new ProductResolution(onScreen, [], false);
        }

        var listed = top.Where(p => preferLive.Contains(p.Id, StringComparer.OrdinalIgnoreCase)).ToList();
        if (listed.Count == 1)
        {
            return new ProductResolution(listed[0], [], false);
        }

        return new ProductResolution(null, [.. (listed.Count > 1 ? listed : top).Take(4)], false);
    }
}

/// <summary>The product meant; or the close candidates to choose from; or nothing. <see cref="OtherShop"/>: not the live's shop.</summary>
public sealed record ProductResolution(Product? Product, IReadOnlyList<Product> Candidates, bool OtherShop)
{
    public static readonly ProductResolution Nothing = new(null, [], false);
}
