using System.Net;
using LiveAssist.BuyerQa.Understanding;
using LiveAssist.Catalog.Client;
using LiveAssist.Dialogs.Locales;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace LiveAssist.BuyerQa.Answers;

/// <summary>
/// Answers an understood question from the catalog API, in the buyer's language, from the texts in
/// <c>locales/*/qa.json</c>. When the catalog cannot answer (unknown product, payment terms, a person
/// asked for, the catalog down) it says so and marks the question for the merchant.
/// </summary>
public sealed class QaAnswerer(ICatalogApi catalog, LocaleTexts texts, CountryRecognizer countries)
{
    public async Task<QaAnswer> AnswerAsync(BuyerQuestion question, QaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(context);
        var language = question.Language;
        try
        {
            var (product, problem) = await ResolveAsync(question, context, cancellationToken).ConfigureAwait(false);
            if (question.Intent is BuyerIntent.Human or BuyerIntent.Payment)
            {
                return new QaAnswer(Say(language, question.Intent == BuyerIntent.Human ? "qa.human" : "qa.handoff"), product, question.Intent.ToString(), null, question);
            }

            if (product is null)
            {
                return problem!;
            }

            return await AnswerAboutAsync(question, new ProductFacts(product, language, texts), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCatalogFailure(ex, cancellationToken))
        {
            return new QaAnswer(Say(language, "qa.catalogDown"), null, "catalogDown", null, question);
        }
    }

    private async Task<QaAnswer> AnswerAboutAsync(BuyerQuestion question, ProductFacts facts, CancellationToken cancellationToken)
    {
        var language = question.Language;
        var slots = facts.Slots();
        AnswerText Say(string key) => this.Say(language, key, slots);
        QaAnswer Done(AnswerText text, string? handoff = null, Quote? quote = null) => new(text, facts.Product, handoff, quote, question);

        switch (question.Intent)
        {
            case BuyerIntent.Price when question.Quantity is { } qty:
            {
                var quote = await QuoteAsync(facts.Id, qty, question.Country, question.Incoterm, cancellationToken).ConfigureAwait(false);
                if (quote is null)
                {
                    return Done(Say("qa.priceTiers"));
                }

                AddQuote(slots, quote, language);
                var key = !quote.MoqMet ? "qa.quoteBelowMoq" : question.Country is null ? "qa.quoteNoCountry" : "qa.quote";
                if (!quote.MoqMet)
                {
                    slots["unitPrice"] = BuyerCulture.Money(facts.FirstTier!.UnitPrice, facts.FirstTier.Currency, language);
                }

                return Done(Say(key), quote: quote);
            }

            case BuyerIntent.Price:
                return Done(Say("qa.priceTiers"));
            case BuyerIntent.Moq:
                return Done(Say("qa.moq"));
            case BuyerIntent.Stock:
                return await StockAsync(question, facts, slots, cancellationToken).ConfigureAwait(false);
            case BuyerIntent.LeadTime:
                slots["days"] = facts.Product.LeadTimeDays ?? 7;
                return Done(Say("qa.leadTime"));
            case BuyerIntent.Shipping:
            {
                slots["port"] = facts.Product.Shipping?.Port ?? "Ningbo";
                slots["incoterms"] = string.Join(", ", facts.Product.Shipping?.Incoterms ?? ["FOB"]);
                if (question.Country is null)
                {
                    return Done(Say("qa.shippingNoCountry"));
                }

                var quote = await QuoteAsync(facts.Id, question.Quantity ?? facts.Moq, question.Country, question.Incoterm, cancellationToken).ConfigureAwait(false);
                if (quote is not null)
                {
                    AddQuote(slots, quote, language);
                }

                return Done(Say("qa.shipping"));
            }

            case BuyerIntent.Samples when facts.Product.Samples is { Available: true } samples:
                slots["price"] = BuyerCulture.Money(samples.UnitPrice ?? 0, samples.Currency, language);
                return Done(Say("qa.samples"));
            case BuyerIntent.Samples:
                return Done(Say("qa.samplesNone"), "noSamples");
            case BuyerIntent.Customization when facts.Product.Customization is { Logo: true } custom:
                slots["logoMoq"] = custom.LogoMoq ?? facts.Moq;
                return Done(Say("qa.logoYes"));
            case BuyerIntent.Customization:
                return Done(Say("qa.logoNo"), "noLogo");
            case BuyerIntent.Certifications when facts.Product.Certifications is { Count: > 0 } certs:
                slots["certs"] = string.Join(", ", certs);
                return Done(Say("qa.certifications"));
            case BuyerIntent.Certifications:
                return Done(Say("qa.certificationsNone"), "noCertifications");
            case BuyerIntent.Specs:
                slots["specs"] = facts.Specs;
                return Done(Say("qa.specs"));
            default:
                return Done(Say("qa.summary"));
        }
    }

    private async Task<QaAnswer> StockAsync(BuyerQuestion question, ProductFacts facts, Dictionary<string, object?> slots, CancellationToken cancellationToken)
    {
        var language = question.Language;
        var stock = facts.Product.Stock ?? [];
        if (question.Country is null)
        {
            slots["stock"] = string.Join("; ", stock.Select(s => texts.Get(language, "qa.stockItem", new Dictionary<string, object?> { ["warehouse"] = s.Warehouse, ["qty"] = s.Qty })));
            return new QaAnswer(Say(language, "qa.stockList", slots), facts.Product, null, null, question);
        }

        slots["country"] = countries.Name(question.Country, language);
        var here = stock.FirstOrDefault(s => string.Equals(s.Country, question.Country, StringComparison.OrdinalIgnoreCase) && s.Qty > 0);
        if (here is not null)
        {
            slots["qty"] = here.Qty;
            slots["warehouse"] = here.Warehouse;
            return new QaAnswer(Say(language, "qa.stockHere", slots), facts.Product, null, null, question);
        }

        var yiwu = stock.FirstOrDefault(s => s.Country == "CN");
        var quote = await QuoteAsync(facts.Id, Math.Max(facts.Moq, 1), question.Country, null, cancellationToken).ConfigureAwait(false);
        slots["qty"] = yiwu?.Qty ?? 0;
        slots["days"] = quote?.EstimatedDeliveryDays ?? 35;
        return new QaAnswer(Say(language, "qa.stockNotHere", slots), facts.Product, null, null, question);
    }

    private AnswerText Say(string language, string key, IReadOnlyDictionary<string, object?>? slots = null)
        => new(key, slots is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(slots), texts.Get(language, key, slots));

    private void AddQuote(Dictionary<string, object?> slots, Quote quote, string language)
    {
        slots["qty"] = quote.Qty;
        slots["unitPrice"] = BuyerCulture.Money(quote.UnitPrice, quote.Currency, language);
        slots["total"] = BuyerCulture.Money(quote.Total, quote.Currency, language);
        slots["tier"] = quote.TierApplied;
        slots["shipFrom"] = quote.ShipFrom;
        slots["days"] = quote.EstimatedDeliveryDays;
        slots["country"] = quote.Country is null ? null : countries.Name(quote.Country, language);
    }

    /// <summary>The catalog's quote; null when the catalog cannot quote that quantity or product.</summary>
    public async Task<Quote?> QuoteAsync(string id, int qty, string? country, string? incoterm, CancellationToken cancellationToken)
    {
        using var response = await catalog.QuoteAsync(id, qty, country, incoterm, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return incoterm is not null ? await QuoteAsync(id, qty, country, null, cancellationToken).ConfigureAwait(false) : null;
        }

        return response.IsSuccessStatusCode ? response.Content : throw new HttpRequestException($"Catalog quote failed: {(int?)response.StatusCode}", response.Error);
    }

    /// <summary>The product the question is about, or the answer to give when there is none.</summary>
    private async Task<(Product? Product, QaAnswer? Problem)> ResolveAsync(BuyerQuestion question, QaContext context, CancellationToken cancellationToken)
    {
        var language = question.Language;
        var reference = question.Product;
        if (reference.ProductId is { } id)
        {
            return await FindProductAsync(id, cancellationToken).ConfigureAwait(false) is { } byId
                ? (byId, null)
                : (null, NotFound(question, id));
        }

        if (reference.ListNumber is { } number)
        {
            if (number < 1 || number > context.ProductList.Count)
            {
                return (null, new QaAnswer(Say(language, "qa.listNumberUnknown", new Dictionary<string, object?> { ["number"] = number }), null, null, null, question));
            }

            return (await FindProductAsync(context.ProductList[number - 1], cancellationToken).ConfigureAwait(false), null);
        }

        if (reference.SearchText is { } words)
        {
            var page = await catalog.SearchAsync(words, null, null, null, 1, 3, cancellationToken).ConfigureAwait(false);
            if (page.Items.Count > 0)
            {
                return (page.Items[0], null);
            }
        }

        // Words that name nothing, in a message the bot did not understand: not a product question, so the merchant answers.
        if (reference.SearchText is not null && question.Intent == BuyerIntent.None)
        {
            return (null, new QaAnswer(Say(language, "qa.handoff"), null, "unanswered", null, question));
        }

        // No product named, or the words matched nothing: on a live stream it is the one on screen, or the last one discussed.
        var fallback = reference.IsCurrent ? context.CurrentProductId ?? context.LastProductId : context.LastProductId ?? context.CurrentProductId;
        if (fallback is not null && await FindProductAsync(fallback, cancellationToken).ConfigureAwait(false) is { } current)
        {
            return (current, null);
        }

        if (reference.SearchText is { } unmatched && question.Intent != BuyerIntent.None)
        {
            return (null, NotFound(question, unmatched));
        }

        return question.Intent == BuyerIntent.None
            ? (null, new QaAnswer(Say(language, "qa.handoff"), null, "unanswered", null, question))
            : (null, new QaAnswer(Say(language, "qa.whichProduct"), null, null, null, question));
    }

    private QaAnswer NotFound(BuyerQuestion question, string text)
        => new(Say(question.Language, "qa.notFound", new Dictionary<string, object?> { ["text"] = text }), null, "productNotFound", null, question);

    /// <summary>The product with this id; null when the catalog has none.</summary>
    public async Task<Product?> FindProductAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await catalog.GetProductAsync(id, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return response.IsSuccessStatusCode ? response.Content : throw new HttpRequestException($"Catalog lookup failed: {(int?)response.StatusCode}", response.Error);
    }

    /// <summary>True for the ways a catalog call fails (down, slow, circuit open), as opposed to the caller cancelling.</summary>
    public static bool IsCatalogFailure(Exception ex, CancellationToken cancellationToken)
        => ex is HttpRequestException or ApiException or ApiRequestException or TimeoutRejectedException or BrokenCircuitException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
