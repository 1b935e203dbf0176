using LiveAssist.BuyerQa.Understanding;
using LiveAssist.Catalog.Client;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.BuyerQa.Handoff;

/// <summary>
/// A one-line Chinese summary of a handed-off question, built from what the bot understood
/// (what is asked, which product, how many, to where), so the merchant grasps it at a glance
/// even when no translation engine is configured. Texts come from <c>locales/zh/qa.json</c>.
/// </summary>
public sealed class ChineseGist(LocaleTexts texts, CountryRecognizer countries)
{
    public string For(BuyerQuestion question, Product? product)
    {
        ArgumentNullException.ThrowIfNull(question);
        var language = question.Language.Split('-')[0];
        var languageName = texts.VariationsIn("zh", "languageName." + language).FirstOrDefault() ?? language;
        var productText = product is null ? string.Empty : $"{product.Title?.For("zh")}（{product.Id}）";
        var quantity = question.Quantity is { } qty ? texts.Get("zh", "qa.gistQuantity", new Dictionary<string, object?> { ["qty"] = qty }) : string.Empty;
        var country = question.Country is { } code ? texts.Get("zh", "qa.gistCountry", new Dictionary<string, object?> { ["country"] = countries.Name(code, "zh") }) : string.Empty;
        return texts.Get("zh", "qa.gist", new Dictionary<string, object?>
        {
            ["language"] = languageName,
            ["intent"] = texts.VariationsIn("zh", "intentName." + question.Intent).FirstOrDefault() ?? question.Intent.ToString(),
            ["product"] = productText,
            ["quantity"] = quantity,
            ["country"] = country,
        });
    }
}
