using System.Collections.Concurrent;
using LiveAssist.Captions.Delivery;
using LiveAssist.Catalog.Client;
using LiveAssist.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveAssist.Captions.ProductCards;

/// <summary>
/// The small fact card an overlay shows beside the captions for the product on screen: title,
/// price tiers, MOQ, stock and lead time from the catalog API, in each caption language.
/// </summary>
public sealed partial class ProductCardPublisher(IServiceProvider services, ISessionStore sessions, CaptionHub hub, ILogger<ProductCardPublisher> logger) : ISessionObserver
{
    // With the product each card is of: another host may have switched the product since (scale-out), so a card is
    // served only while it is still the session's product on screen.
    private readonly ConcurrentDictionary<(string Session, string Lang), (string ProductId, SseEvent Card)> _current = new();
    private readonly ConcurrentDictionary<string, string> _currencies = new(StringComparer.OrdinalIgnoreCase);

    public Task ProductChangedAsync(LiveSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.CurrentProductId is { } id ? ShowAsync(session.Id, id, fromSpeech: false, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Publishes the product's card in every language of the session; a product the catalog does not know is ignored.</summary>
    public async Task ShowAsync(string sessionId, string productId, bool fromSpeech, CancellationToken cancellationToken)
    {
        if (await sessions.GetAsync(sessionId, cancellationToken).ConfigureAwait(false) is not { } session)
        {
            return;
        }

        var published = false;
        foreach (var lang in session.CaptionLanguages())
        {
            try
            {
                // Resolved on use: the catalog client may point at this very host, which is not listening yet at start-up.
                using var response = await services.GetRequiredService<ICatalogApi>().GetProductAsync(productId, lang, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode || response.Content is not { } product)
                {
                    return;
                }

                if (product.PriceTiers is { Count: > 0 } tiers && tiers[0].Currency is { Length: > 0 } currency)
                {
                    _currencies[productId] = currency;
                }

                var card = ProductCard.From(product, lang);
                var message = SseEvent.Create("product", 0, false, card, lang);
                _current[(sessionId, lang)] = (productId, message);
                hub.Publish(sessionId, lang, message);
                hub.Publish(sessionId, CaptionHub.HostChannel(lang), message); // the console switches products too
                published = true;
            }
            catch (Exception e) when (e is HttpRequestException or Refit.ApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogCatalogDown(logger, productId, e.Message);
                return;
            }
        }

        if (published && fromSpeech && !string.Equals(session.CurrentProductId, productId, StringComparison.OrdinalIgnoreCase))
        {
            // Through the live's one writer: the console may be switching products at this moment.
            await services.GetRequiredService<ProductOnScreen>().ShowAsync(sessionId, productId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The product on screen now (the session as stored: a product set by the console or named in speech).</summary>
    public async Task<string?> ProductOnScreenAsync(string sessionId, CancellationToken cancellationToken)
        => (await sessions.GetAsync(sessionId, cancellationToken).ConfigureAwait(false))?.CurrentProductId;

    /// <summary>
    /// What 块, 元 and 毛 mean when the host says a price now: the currency of the product on screen, else the
    /// session's own, else that of the live's first product, else CNY. A USD catalog's "一块八毛五" is US$1.85.
    /// </summary>
    public async Task<string> SpokenCurrencyAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (await sessions.GetAsync(sessionId, cancellationToken).ConfigureAwait(false) is not { } session)
        {
            return "CNY";
        }

        if (session.CurrentProductId is { } onScreen && await ProductCurrencyAsync(onScreen, cancellationToken).ConfigureAwait(false) is { } shown)
        {
            return shown;
        }

        if (!string.IsNullOrWhiteSpace(session.Currency))
        {
            return session.Currency.Trim().ToUpperInvariant();
        }

        return session.ProductList.FirstOrDefault() is { } first && await ProductCurrencyAsync(first, cancellationToken).ConfigureAwait(false) is { } listed ? listed : "CNY";
    }

    private async Task<string?> ProductCurrencyAsync(string productId, CancellationToken cancellationToken)
    {
        if (_currencies.TryGetValue(productId, out var known))
        {
            return known;
        }

        try
        {
            using var response = await services.GetRequiredService<ICatalogApi>().GetProductAsync(productId, null, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode && response.Content?.PriceTiers is { Count: > 0 } tiers && tiers[0].Currency is { Length: > 0 } currency)
            {
                _currencies[productId] = currency;
                return currency;
            }
        }
        catch (Exception e) when (e is HttpRequestException or Refit.ApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogCatalogDown(logger, productId, e.Message);
        }

        return null;
    }

    /// <summary>The card an overlay that just connected should show, if any.</summary>
    public async Task<SseEvent?> CurrentAsync(LiveSession session, string lang, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.CurrentProductId is not { } id)
        {
            return null;
        }

        if (_current.TryGetValue((session.Id, lang), out var known) && string.Equals(known.ProductId, id, StringComparison.OrdinalIgnoreCase))
        {
            return known.Card;
        }

        await ShowAsync(session.Id, id, fromSpeech: false, cancellationToken).ConfigureAwait(false);
        return _current.TryGetValue((session.Id, lang), out var shown) ? shown.Card : null;
    }

    [LoggerMessage(1, LogLevel.Warning, "No product card for {Product}: the catalog did not answer ({Reason})")]
    private static partial void LogCatalogDown(ILogger logger, string product, string reason);
}

/// <summary>What the overlay's card shows.</summary>
public sealed record ProductCard(string ProductId, string Lang, string? Title, string? Unit, int? Moq, IReadOnlyList<PriceTierView> PriceTiers,
    int StockTotal, IReadOnlyList<StockView> Stock, int? LeadTimeDays, string? Image)
{
    public static ProductCard From(Product product, string lang)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new ProductCard(product.Id ?? string.Empty, lang, product.Title?.For(lang), product.Unit?.For(lang), product.Moq,
            [.. (product.PriceTiers ?? []).Select(t => new PriceTierView(t.MinQty, t.UnitPrice, t.Currency ?? "USD"))],
            (product.Stock ?? []).Sum(s => s.Qty),
            [.. (product.Stock ?? []).Select(s => new StockView(s.Warehouse ?? string.Empty, s.Country ?? string.Empty, s.Qty))],
            product.LeadTimeDays, product.Images?.FirstOrDefault());
    }
}

public sealed record PriceTierView(int MinQty, decimal UnitPrice, string Currency);

public sealed record StockView(string Warehouse, string Country, int Qty);
