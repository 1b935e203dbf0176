using System.Text.Json.Nodes;
using LiveAssist.BuyerQa.Answers;
using LiveAssist.BuyerQa.Leads;
using LiveAssist.BuyerQa.Understanding;
using LiveAssist.Catalog.Client;
using LiveAssist.Dialogs.Flows;
using LiveAssist.Translation.Figures;

namespace LiveAssist.BuyerQa.Flows;

/// <summary><c>expect: quantity</c>: a whole number of pieces in any language's digits and grouping ("3000", "3.000 uds", "3k", "三千").</summary>
public sealed class QuantityAnswer : IFlowAnswerRecognizer
{
    public string Kind => "quantity";

    public Task<JsonNode?> RecognizeAsync(FlowTurn turn, string text, CancellationToken cancellationToken)
    {
        var number = NumberRecognizer.Recognize(text).FirstOrDefault(n => !n.IsMoney);
        JsonNode? value = number is not null && number.Value == decimal.Truncate(number.Value) && number.Value <= int.MaxValue && !text.TrimStart().StartsWith('-')
            ? JsonValue.Create((long)number.Value)
            : null;
        return Task.FromResult(value);
    }
}

/// <summary><c>expect: contact</c>: an e-mail address or phone number in the answer, as the lead store recognizes one.</summary>
public sealed class ContactAnswer : IFlowAnswerRecognizer
{
    public string Kind => "contact";

    public Task<JsonNode?> RecognizeAsync(FlowTurn turn, string text, CancellationToken cancellationToken)
        => Task.FromResult<JsonNode?>(LeadStore.FindContact(text) is { } contact ? JsonValue.Create(contact) : null);
}

/// <summary><c>expect: country</c>: a country named in any supported language, as its ISO code.</summary>
public sealed class CountryAnswer(CountryRecognizer countries) : IFlowAnswerRecognizer
{
    public string Kind => "country";

    public Task<JsonNode?> RecognizeAsync(FlowTurn turn, string text, CancellationToken cancellationToken)
        => Task.FromResult<JsonNode?>(countries.Find(text) is { } found ? JsonValue.Create(found.Code) : null);
}

/// <summary><c>expect: product</c>: a product id the catalog has, or words that find one ("the blue flask").</summary>
public sealed class ProductAnswer(QaAnswerer answerer, ICatalogApi catalog) : IFlowAnswerRecognizer
{
    public string Kind => "product";

    public async Task<JsonNode?> RecognizeAsync(FlowTurn turn, string text, CancellationToken cancellationToken)
    {
        var id = ProductIds.Find(text);
        if (id.Success)
        {
            return await answerer.FindProductAsync(id.Value.ToUpperInvariant(), cancellationToken).ConfigureAwait(false) is { Id: { } found } ? JsonValue.Create(found) : null;
        }

        var page = await catalog.SearchAsync(text, turn.Language, null, null, 1, 1, cancellationToken).ConfigureAwait(false);
        return page.Items.FirstOrDefault()?.Id is { } hit ? JsonValue.Create(hit) : null;
    }
}

/// <summary><c>card: product</c> (cardArgs: the product id): the product's Adaptive Card where the channel renders cards.</summary>
public sealed class ProductCardBuilder(QaAnswerer answerer, Dialogs.Locales.LocaleTexts texts, Microsoft.Extensions.Options.IOptions<BuyerQaOptions> options) : IFlowCard
{
    public string Name => "product";

    public async Task<BotFramework.Schema.Attachment?> BuildAsync(FlowTurn turn, JsonNode? args, CancellationToken cancellationToken)
    {
        if (args?.GetValueKind() != System.Text.Json.JsonValueKind.String || !ProductCard.Supported(turn.Context.Activity.ChannelId))
        {
            return null;
        }

        var id = args.GetValue<string>();
        var product = turn.Context.TurnState.TryGetValue(AnswerQuestionOperation.AnsweredProductKey, out var answered) && answered is Catalog.Client.Product { } known && known.Id == id
            ? known
            : await answerer.FindProductAsync(id, cancellationToken).ConfigureAwait(false);
        return product is null ? null : ProductCard.Build(new ProductFacts(product, turn.Language, texts), turn.Language, texts, turn.Context.Activity.ChannelId, options.Value.PublicBaseUrl);
    }
}

/// <summary><c>card: choices</c> (cardArgs: product ids): buttons for the products a buyer may have meant.</summary>
public sealed class ChoicesCardBuilder(QaAnswerer answerer, Dialogs.Locales.LocaleTexts texts) : IFlowCard
{
    public string Name => "choices";

    public async Task<BotFramework.Schema.Attachment?> BuildAsync(FlowTurn turn, JsonNode? args, CancellationToken cancellationToken)
    {
        if (args is not JsonArray ids || ids.Count == 0 || !ProductCard.Supported(turn.Context.Activity.ChannelId))
        {
            return null;
        }

        var facts = new List<ProductFacts>();
        foreach (var id in ids.OfType<JsonValue>().Select(v => v.GetValue<string>()).Take(6))
        {
            if (await answerer.FindProductAsync(id, cancellationToken).ConfigureAwait(false) is { } product)
            {
                facts.Add(new ProductFacts(product, turn.Language, texts));
            }
        }

        return facts.Count == 0 ? null : ProductCard.Choices(facts, turn.Language, texts.Get(turn.Language, "qa.chooseProduct"));
    }
}
