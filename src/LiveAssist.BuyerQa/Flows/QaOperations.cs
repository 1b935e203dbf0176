using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.BuyerQa.Answers;
using LiveAssist.BuyerQa.Handoff;
using LiveAssist.BuyerQa.Leads;
using LiveAssist.BuyerQa.Understanding;
using LiveAssist.Dialogs.Flows;
using LiveAssist.Dialogs.Locales;
using LiveAssist.Translation;

namespace LiveAssist.BuyerQa.Flows;

/// <summary>
/// <c>qa.answer</c>: answers the turn's product question from the catalog and returns the text key and
/// slots it chose, so a flow can send it, send another text with the same facts, or hand off.
/// Keeps <c>conversation.lastProductId</c> for "it" in the next question.
/// </summary>
public sealed class AnswerQuestionOperation(QaAnswerer answerer) : IFlowOperation
{
    public const string AnsweredProductKey = "BuyerQa.AnsweredProduct";

    public string Name => "qa.answer";

    public async Task<JsonNode?> InvokeAsync(FlowTurn turn, JsonObject args, CancellationToken cancellationToken)
    {
        var buyer = BuyerTurn.Of(turn);
        var lastProduct = turn.Read("conversation.lastProductId")?.GetValue<string>();
        var context = new QaContext(buyer.Session?.Id, buyer.Session?.CurrentProductId, buyer.Session?.ProductList ?? [], lastProduct, buyer.Session?.ShopId);
        var answer = await answerer.AnswerAsync(buyer.Question, context, cancellationToken).ConfigureAwait(false);
        var productId = answer.Product?.Id;
        if (answer.Product is { } product)
        {
            turn.Context.TurnState[AnsweredProductKey] = product; // the card step needs it too: no second catalog call
            turn.Write("conversation.lastProductId", productId);
        }

        // What the buyer already said, so a quote request that follows does not ask it again (and its lead says what was asked).
        // A bare "yes", "Spain" or an e-mail address is an answer, not the question: the lead keeps the question.
        var q = buyer.Question;
        var asks = q.Intent != Understanding.BuyerIntent.None || q.Quantity is not null || q.Product.ProductId is not null || q.Product.ListNumber is not null;
        if (asks || turn.Read("conversation.lastQuestion") is null)
        {
            turn.Write("conversation.lastQuestion", buyer.Question.Text.Length > 500 ? buyer.Question.Text[..500] : buyer.Question.Text);
        }
        if (buyer.Question.Quantity is { } qty)
        {
            turn.Write("conversation.lastQuantity", qty);
        }

        if (buyer.Question.Country is { } country)
        {
            turn.Write("conversation.lastCountry", country);
        }

        if (buyer.Question.Incoterm is { } incoterm)
        {
            turn.Write("conversation.lastIncoterm", incoterm);
        }

        var slots = new JsonObject();
        foreach (var (name, value) in answer.Said.Slots)
        {
            slots[name] = FlowExpression.ToNode(value);
        }

        slots["shop"] = answer.OtherShop;

        return new JsonObject
        {
            ["key"] = answer.Said.Key,
            ["text"] = answer.Text,
            ["slots"] = slots,
            ["handoff"] = answer.Handoff,
            ["productId"] = productId,
            ["productAssumed"] = answer.ProductAssumed,
            // A new product gets its card; follow-up questions about the same one get text only.
            ["cardProductId"] = productId is not null && !string.Equals(productId, lastProduct, StringComparison.OrdinalIgnoreCase) ? productId : null,
            ["otherShop"] = answer.OtherShop,
            ["choices"] = answer.Choices.Count == 0 ? null : new JsonArray([.. answer.Choices.Select(c => (JsonNode)c.Id!)]),
            ["quote"] = answer.Quote is { } quote && answer.Product is { } p ? new JsonObject
            {
                ["productId"] = p.Id,
                ["title"] = p.Title?.For("en") ?? p.Id,
                ["qty"] = quote.Qty,
                ["unitPrice"] = quote.UnitPrice,
                ["total"] = quote.Total,
                ["currency"] = quote.Currency,
                ["country"] = quote.Country,
            } : null,
        };
    }
}

/// <summary><c>catalog.product</c> (args: id): the product's facts as slots, or null when the catalog has no such product.</summary>
public sealed class ProductOperation(QaAnswerer answerer, LocaleTexts texts) : IFlowOperation
{
    public string Name => "catalog.product";

    public async Task<JsonNode?> InvokeAsync(FlowTurn turn, JsonObject args, CancellationToken cancellationToken)
    {
        if (args["id"]?.GetValue<string>() is not { Length: > 0 } id || await answerer.FindProductAsync(id, cancellationToken).ConfigureAwait(false) is not { } product)
        {
            return null;
        }

        var slots = new ProductFacts(product, turn.Language, texts).Slots();
        return JsonSerializer.SerializeToNode(slots);
    }
}

/// <summary>
/// <c>catalog.quote</c> (args: productId, qty, country, incoterm): the catalog's quote with money written
/// for the buyer (unitPrice, total) and the plain figures (unitPriceValue, totalValue) for a lead.
/// The product's own facts come from <c>catalog.product</c>.
/// </summary>
public sealed class QuoteOperation(QaAnswerer answerer, CountryRecognizer countries) : IFlowOperation
{
    public string Name => "catalog.quote";

    public async Task<JsonNode?> InvokeAsync(FlowTurn turn, JsonObject args, CancellationToken cancellationToken)
    {
        var id = args["productId"]?.GetValue<string>();
        var qty = FlowExpression.Number(args["qty"]) is { } n && n <= int.MaxValue ? (int)n : 0;
        if (id is null || qty < 1)
        {
            return null;
        }

        var country = args["country"]?.GetValue<string>();
        var quote = await answerer.QuoteAsync(id, qty, country, args["incoterm"]?.GetValue<string>(), cancellationToken).ConfigureAwait(false);
        if (quote is null)
        {
            return null;
        }

        return new JsonObject
        {
            ["qty"] = quote.Qty,
            ["moqMet"] = quote.MoqMet,
            ["unitPrice"] = BuyerCulture.Money(quote.UnitPrice, quote.Currency, turn.Language),
            ["total"] = BuyerCulture.Money(quote.Total, quote.Currency, turn.Language),
            ["unitPriceValue"] = quote.UnitPrice,
            ["totalValue"] = quote.Total,
            ["currency"] = quote.Currency,
            ["country"] = country is null ? null : countries.Name(country, turn.Language),
            ["days"] = quote.EstimatedDeliveryDays,
            ["shipFrom"] = quote.ShipFrom,
        };
    }
}

/// <summary><c>leads.save</c>: keeps a quote request for the merchant (not in an operator's preview).</summary>
public sealed class SaveLeadOperation(ILeadStore leads, TimeProvider time) : IFlowOperation
{
    public string Name => "leads.save";

    public async Task<JsonNode?> InvokeAsync(FlowTurn turn, JsonObject args, CancellationToken cancellationToken)
    {
        var buyer = BuyerTurn.Of(turn);
        var activity = turn.Context.Activity;
        decimal Number(string name) => FlowExpression.Number(args[name]) ?? 0;
        decimal Money(string name) => Number(name) + 0.00m; // JSON drops trailing zeros; money keeps two decimals
        string? Text(string name) => args[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var id = LeadStore.NewId();
        if (turn.IsPreview)
        {
            return new JsonObject { ["id"] = id, ["preview"] = true };
        }

        // A lead is a quote the buyer can be held to: never one below the MOQ.
        if (args["moqMet"] is JsonValue met && met.TryGetValue<bool>(out var moqMet) && !moqMet)
        {
            return null;
        }

        var productId = Text("productId") ?? string.Empty;
        await leads.AddAsync(new Lead(id, buyer.Session?.Id, time.GetUtcNow(), productId, Text("title") ?? productId,
            (int)Number("qty"), Money("unitPrice"), Money("total"), Text("currency") ?? "USD", Text("country"), turn.Language,
            activity.ChannelId ?? "unknown", activity.Conversation?.Id ?? string.Empty, Text("contact") ?? LeadStore.FindContact(buyer.Question.Text),
            Text("note") ?? buyer.Question.Text), cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["id"] = id };
    }
}

/// <summary>
/// <c>merchant.handoff</c> (the handoff step; args: productId): queues the buyer's question for the merchant with a Chinese
/// gist and translation. Stored before the buyer is told, so a crash between the two loses nothing.
/// </summary>
public sealed class HandoffOperation(IHandoffQueue handoffs, ChineseGist gist, ITranslator translator, QaAnswerer answerer, TimeProvider time) : IFlowOperation
{
    public string Name => FlowCapabilities.HandoffOperation;

    public async Task<JsonNode?> InvokeAsync(FlowTurn turn, JsonObject args, CancellationToken cancellationToken)
    {
        if (turn.IsPreview)
        {
            return new JsonObject { ["preview"] = true };
        }

        var buyer = BuyerTurn.Of(turn);
        var question = buyer.Question;
        var productId = args["productId"]?.GetValue<string>();
        var product = productId is null ? null : await FindQuietlyAsync(productId, cancellationToken).ConfigureAwait(false);
        var translated = await translator.TranslateAsync(question.Text, question.Language, "zh", cancellationToken).ConfigureAwait(false);
        var reason = args["reason"]?.ToString() ?? "flow";
        var assumed = args["productAssumed"] is JsonValue a && a.TryGetValue<bool>(out var isAssumed) && isAssumed;
        await handoffs.EnqueueAsync(new HandoffItem(string.Empty, buyer.Session?.Id, time.GetUtcNow(), HandoffItem.Open, question.Language, question.Text,
            gist.For(question, product), translated.IsTranslated ? translated.Text : null, reason, product?.Id,
            turn.Context.Activity.GetConversationReference(), null, null, null)
        {
            QuestionZhEngine = translated.IsTranslated ? translated.Engine : null,
            ProductAssumed = product is not null && assumed,
        }, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["queued"] = true };
    }

    private async Task<Catalog.Client.Product?> FindQuietlyAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await answerer.FindProductAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (QaAnswerer.IsCatalogFailure(ex, cancellationToken))
        {
            return null; // the merchant still gets the question, without the product's title
        }
    }
}
