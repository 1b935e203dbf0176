using System.Text.RegularExpressions;
using LiveAssist.Catalog.Client;

namespace LiveAssist.Catalog.Service;

/// <summary>Checks one imported product; the first problem is reported in words an importer can fix.</summary>
internal static partial class ProductValidator
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    public static string? Validate(Product? product)
    {
        if (product is null)
        {
            return "the item is null, not a product object";
        }

        if (string.IsNullOrWhiteSpace(product.Id) || !IdPattern().IsMatch(product.Id))
        {
            return "id is required: letters, digits, '-', '_' or '.', at most 64 characters";
        }

        if (product.Title is null || (string.IsNullOrWhiteSpace(product.Title.For("zh")) && string.IsNullOrWhiteSpace(product.Title.For("en"))))
        {
            return "title needs at least a Chinese (zh) or English (en) text";
        }

        if (product.Title.Values.Any(t => t.Length > 300))
        {
            return "title is longer than 300 characters";
        }

        if (product.Moq is not > 0)
        {
            return "moq must be a whole number above 0";
        }

        if (product.PriceTiers is not { Count: > 0 } tiers)
        {
            return "priceTiers needs at least one tier";
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (tier.MinQty <= 0 || tier.UnitPrice <= 0)
            {
                return $"priceTiers[{i}] needs minQty and unitPrice above 0";
            }

            if (tier.Currency is null || !CurrencyPattern().IsMatch(tier.Currency))
            {
                return $"priceTiers[{i}].currency must be an ISO 4217 code such as USD";
            }

            if (i > 0 && tier.MinQty <= tiers[i - 1].MinQty)
            {
                return "priceTiers must be in increasing minQty order";
            }

            if (i > 0 && tier.Currency != tiers[0].Currency)
            {
                return "all priceTiers must use the same currency";
            }
        }

        foreach (var stock in product.Stock ?? [])
        {
            if (stock.Qty < 0 || string.IsNullOrWhiteSpace(stock.Warehouse) || stock.Country is null || !CountryPattern().IsMatch(stock.Country))
            {
                return "each stock entry needs a warehouse, an ISO 3166 country code and a qty of 0 or more";
            }
        }

        if (product.LeadTimeDays is < 0 or > 365)
        {
            return "leadTimeDays must be between 0 and 365";
        }

        return product.Category is { Length: > 100 } ? "category is longer than 100 characters" : null;
    }
}
