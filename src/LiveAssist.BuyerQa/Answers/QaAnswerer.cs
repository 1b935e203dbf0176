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
public sealed class QaAnswerer(ICatalogApi catalog, LocaleTexts texts, CountryRecognizer countries, ProductResolver resolver, FreightEstimator freight, ProductTextLocalizer localizer)
{
    public async Task<QaAnswer> AnswerAsync(BuyerQuestion question, QaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(context);
        var language = question.Language;
        try
        {
            var (product, problem, otherShop, assumed) = await ResolveAsync(question, context, cancellationToken).ConfigureAwait(false);
            // The product on screen (or the last one discussed) stands in when the buyer names none: right for "how much?",
            // wrong for "can I pay by PayPal?", which the merchant would otherwise see tagged with a product nobody mentioned.
            if (question.Intent is BuyerIntent.Human or BuyerIntent.Payment)
            {
                return new QaAnswer(Say(language, question.Intent == BuyerIntent.Human ? "qa.human" : "qa.handoff"), assumed ? null : product, question.Intent.ToString(), null, question);
            }

            if (product is null)
            {
                return problem!;
            }

            if (question.Color is { } color && question.Intent != BuyerIntent.Colors)
            {
                product = await InColorAsync(product, color, cancellationToken).ConfigureAwait(false) ?? product;
            }

            product = await localizer.LocalizeAsync(product, language, cancellationToken).ConfigureAwait(false);
            var answer = await AnswerAboutAsync(question, new ProductFacts(product, language, texts), cancellationToken).ConfigureAwait(false);

            answer = answer with { ProductAssumed = assumed };
            // Another shop's product: the flow says so before the facts, so the buyer knows this live's seller does not sell it.
            return otherShop ? answer with { OtherShop = product.Shop?.Name?.For(language) ?? product.Shop?.Id ?? string.Empty } : answer;
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

                var qty = Math.Max(question.Quantity ?? facts.Moq, 1);
                var quote = await QuoteAsync(facts.Id, qty, question.Country, question.Incoterm, cancellationToken).ConfigureAwait(false);
                if (quote is not null)
                {
                    AddQuote(slots, quote, language);
                }

                if (quote is not null && freight.Estimate(facts.Product, qty, question.Country, question.Incoterm, quote.UnitPrice) is { } estimate)
                {
                    slots["qty"] = qty;
                    slots["incoterm"] = estimate.Incoterm;
                    slots["cartons"] = estimate.Cartons;
                    slots["cbm"] = BuyerCulture.Number(estimate.Cbm, language);
                    slots["kg"] = BuyerCulture.Number(estimate.Kg, language);
                    slots["freight"] = BuyerCulture.Money(estimate.Freight, estimate.Currency, language);
                    slots["goods"] = BuyerCulture.Money(estimate.Goods, quote.Currency, language);
                    slots["total"] = BuyerCulture.Money(estimate.Total, quote.Currency, language);
                    slots["days"] = Math.Max(quote.EstimatedDeliveryDays, estimate.SeaDays);
                    return Done(Say(quote.MoqMet ? "qa.freight" : "qa.freightBelowMoq"), quote: quote.MoqMet ? quote : null);
                }

                return Done(Say("qa.shipping"));
            }

            case BuyerIntent.Colors:
                return await ColorsAsync(question, facts, slots, cancellationToken).ConfigureAwait(false);

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

    /// <summary>The product the question is about (and whether it is another shop's), or the answer to give when there is none.</summary>
    private async Task<(Product? Product, QaAnswer? Problem, bool OtherShop, bool Assumed)> ResolveAsync(BuyerQuestion question, QaContext context, CancellationToken cancellationToken)
    {
        var language = question.Language;
        var reference = question.Product;
        if (reference.ProductId is { } id)
        {
            return await FindProductAsync(id, cancellationToken).ConfigureAwait(false) is { } byId
                ? (byId, null, false, false)
                : (null, NotFound(question, id), false, false);
        }

        if (reference.ListNumber is { } number)
        {
            if (number < 1 || number > context.ProductList.Count)
            {
                return (null, new QaAnswer(Say(language, "qa.listNumberUnknown", new Dictionary<string, object?> { ["number"] = number }), null, null, null, question), false, false);
            }

            return (await FindProductAsync(context.ProductList[number - 1], cancellationToken).ConfigureAwait(false), null, false, false);
        }

        if (reference.SearchText is { } words)
        {
            var found = await resolver.ResolveAsync(words, language, context, cancellationToken).ConfigureAwait(false);
            if (found.Product is { } product)
            {
                return (product, null, found.OtherShop, false);
            }

            if (found.Candidates.Count > 1)
            {
                var names = string.Join("; ", found.Candidates.Select(c => new ProductFacts(c, language, texts).Title));
                return (null, new QaAnswer(Say(language, "qa.whichOne", new Dictionary<string, object?> { ["choices"] = names }), null, null, null, question) { Choices = found.Candidates }, false, false);
            }
        }

        // "yes", "Spain", "ok" on their own, outside any flow: not a question for the merchant; say what the bot can do.
        if (question.Intent == BuyerIntent.None && question.Quantity is null
            && (reference.IsEmpty || texts.IsWholeMessage(question.Text, "yesWords") || texts.IsWholeMessage(question.Text, "noWords")))
        {
            return (null, new QaAnswer(Say(language, "help"), null, null, null, question), false, false);
        }

        // Words that name nothing, in a message the bot did not understand: not a product question, so the merchant answers.
        if (reference.SearchText is not null && question.Intent == BuyerIntent.None)
        {
            return (null, new QaAnswer(Say(language, "qa.handoff"), null, "unanswered", null, question), false, false);
        }

        // No product named, or the words matched nothing: on a live stream it is the one on screen, or the last one discussed.
        var fallback = reference.IsCurrent ? context.CurrentProductId ?? context.LastProductId : context.LastProductId ?? context.CurrentProductId;
        if (fallback is not null && await FindProductAsync(fallback, cancellationToken).ConfigureAwait(false) is { } current)
        {
            return (current, null, false, true);
        }

        if (reference.SearchText is { } unmatched && question.Intent != BuyerIntent.None)
        {
            return (null, NotFound(question, unmatched), false, false);
        }

        return question.Intent == BuyerIntent.None
            ? (null, new QaAnswer(Say(language, "qa.handoff"), null, "unanswered", null, question), false, false)
            : (null, new QaAnswer(Say(language, "qa.whichProduct"), null, null, null, question), false, false);
    }

    /// <summary>The product's colours (its variants, its own colour) and the same product in other colours in its shop.</summary>
    private async Task<QaAnswer> ColorsAsync(BuyerQuestion question, ProductFacts facts, Dictionary<string, object?> slots, CancellationToken cancellationToken)
    {
        var language = question.Language;
        var own = OwnColors(facts.Product);
        var siblings = await SiblingsAsync(facts.Product, cancellationToken).ConfigureAwait(false);
        var names = own.Select(c => ColorName(c, language))
            .Concat(siblings.Select(s => $"{ColorName(s.Color, language)} ({s.Product.Id})"))
            .Distinct(StringComparer.Ordinal).ToList();
        slots["colors"] = string.Join(", ", names);
        slots["color"] = question.Color is { } c ? ColorName(c, language) : null;
        var available = question.Color is null || own.Contains(question.Color) || siblings.Any(s => s.Color == question.Color);
        return available
            ? new QaAnswer(Say(language, "qa.colors", slots), facts.Product, null, null, question)
            : new QaAnswer(Say(language, "qa.colorsNone", slots), facts.Product, "noColor", null, question);
    }

    /// <summary>The product in the buyer's colour: itself when a variant has it, else the same product in that colour in its shop.</summary>
    private async Task<Product?> InColorAsync(Product product, string color, CancellationToken cancellationToken)
    {
        if (OwnColors(product).Contains(color))
        {
            return product;
        }

        var siblings = await SiblingsAsync(product, cancellationToken).ConfigureAwait(false);
        return siblings.FirstOrDefault(s => s.Color == color).Product;
    }

    private static List<string> OwnColors(Product product)
        => [.. (product.Variants ?? []).Select(v => v.Options?.GetValueOrDefault("color")?.For("en"))
            .Concat((product.Attributes ?? []).Where(a => string.Equals(a.Name?.For("en"), "Color", StringComparison.OrdinalIgnoreCase)).Select(a => a.Value?.For("en")))
            .OfType<string>().Select(c => c.ToLowerInvariant()).Distinct()];

    /// <summary>Products of the same shop whose title is this one's with another colour ("Pink Magnetic Tiles 64 pcs").</summary>
    private async Task<List<(string Color, Product Product)>> SiblingsAsync(Product product, CancellationToken cancellationToken)
    {
        var title = product.Title?.For("en");
        if (title is null || product.Shop?.Id is not { } shop)
        {
            return [];
        }

        var bare = BareTitle(title);
        var page = await catalog.SearchAsync(bare, "en", null, shop, 1, 20, cancellationToken).ConfigureAwait(false);
        return [.. page.Items.Where(p => p.Id != product.Id && p.Title?.For("en") is { } t && string.Equals(BareTitle(t), bare, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => OwnColors(p).Select(c => (c, p)))];
    }

    private static string BareTitle(string title)
        => string.Join(' ', title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !QuestionReader.Colors.Contains(w.ToLowerInvariant())));

    private string ColorName(string color, string language)
        => texts.VariationsIn(language, "color." + color) is { Count: > 0 } names ? names[0] : color;

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
