using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Schema;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.BuyerQa.Answers;

/// <summary>An Adaptive Card (1.5, what Teams renders) for one product: image, title, price tiers, MOQ, stock, "Get quote".</summary>
internal static class ProductCard
{
    /// <summary>Channels that render Adaptive Cards; elsewhere the answer's text stands alone.</summary>
    private static readonly HashSet<string> CardChannels = new(StringComparer.OrdinalIgnoreCase) { "msteams", "webchat", "directline", "emulator" };

    public static bool Supported(string? channelId) => channelId is not null && CardChannels.Contains(channelId);

    public static Attachment Build(ProductFacts facts, string language, LocaleTexts texts, string? channelId = null, Uri? publicBaseUrl = null)
    {
        var body = new JsonArray();
        if (PictureUrl(facts.Product.Images?.FirstOrDefault(), channelId, publicBaseUrl) is { } image)
        {
            body.Add(new JsonObject { ["type"] = "Image", ["url"] = image, ["size"] = "Medium", ["altText"] = facts.Title });
        }

        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.Plain(facts.Title), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true });
        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.Plain(facts.Id), ["isSubtle"] = true, ["spacing"] = "None" });

        var facts1 = new JsonArray();
        foreach (var tier in facts.Product.PriceTiers ?? [])
        {
            facts1.Add(Fact("≥ " + BuyerCulture.Number(tier.MinQty, language) + " " + CardText.Plain(facts.Unit), CardText.Plain(BuyerCulture.Money(tier.UnitPrice, tier.Currency, language))));
        }

        facts1.Add(Fact(texts.Get(language, "card.moq"), BuyerCulture.Number(facts.Moq, language) + " " + CardText.Plain(facts.Unit)));
        foreach (var stock in facts.Product.Stock ?? [])
        {
            facts1.Add(Fact(texts.Get(language, "card.stock") + " · " + CardText.Plain(stock.Warehouse), BuyerCulture.Number(stock.Qty, language)));
        }

        if (facts.Product.LeadTimeDays is { } days)
        {
            facts1.Add(Fact(texts.Get(language, "card.leadTime"), texts.Get(language, "card.days", new Dictionary<string, object?> { ["days"] = days })));
        }

        body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts1 });
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["lang"] = language,
            ["rtl"] = IsRightToLeft(language), // Arabic cards read right to left, as Teams and Web Chat lay them out
            ["body"] = body,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = texts.Get(language, "card.getQuote"),
                ["data"] = new JsonObject { ["action"] = "getQuote", ["productId"] = facts.Id },
            }),
        };
        return new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = JsonSerializer.SerializeToElement(card) };
    }

    /// <summary>
    /// A picture link the channel can load: absolute links as they are; the catalog's local paths made absolute with the
    /// public base URL, or left relative for Web Chat served by this host; otherwise none rather than a broken image.
    /// </summary>
    private static string? PictureUrl(string? image, string? channelId, Uri? publicBaseUrl)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return null;
        }

        if (Uri.TryCreate(image, UriKind.Absolute, out var absolute) && absolute.Scheme is "https" or "http")
        {
            return image;
        }

        if (!image.StartsWith('/') || image.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        return publicBaseUrl is not null ? new Uri(publicBaseUrl, image).ToString()
            : channelId is "directline" or "webchat" ? image
            : null;
    }

    public static bool IsRightToLeft(string language) => language is "ar" or "he" or "fa" or "ur";

    /// <summary>A card asking which of a few close products the buyer means: one button each, carrying the product id.</summary>
    public static Attachment Choices(IEnumerable<ProductFacts> candidates, string language, string prompt)
    {
        var actions = new JsonArray();
        foreach (var facts in candidates)
        {
            actions.Add(new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = CardText.Plain(facts.FirstTier is { } tier ? $"{facts.Title} · {BuyerCulture.Money(tier.UnitPrice, tier.Currency, language)}" : facts.Title),
                ["data"] = new JsonObject { ["action"] = "chooseProduct", ["productId"] = facts.Id },
            });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["lang"] = language,
            ["rtl"] = IsRightToLeft(language),
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.Plain(prompt), ["wrap"] = true }),
            ["actions"] = actions,
        };
        return new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = JsonSerializer.SerializeToElement(card) };
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };
}
