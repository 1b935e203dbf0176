using System.Collections.Concurrent;
using LiveAssist.BuyerQa.Handoff;
using LiveAssist.Catalog.Client;
using LiveAssist.Translation;

namespace LiveAssist.BuyerQa.Answers;

/// <summary>
/// Product texts in the buyer's language when the catalog has none: title, unit, attribute values and warehouse
/// names are translated from English on first use through the configured translation engines (a vetted phrase,
/// Azure, a chat model, Apertium; never a word-by-word draft) and kept in <c>buyerqa.db</c>, so each text is
/// translated once. A merchant corrects one by importing the product with that language's text: the catalog's own
/// text always wins over a machine translation.
/// </summary>
public sealed class ProductTextLocalizer(ITranslator translator, BuyerQaDatabase db)
{
    private const int MaxTextChars = 200;
    private static readonly TimeSpan TranslationBudget = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<(string Source, string Lang), string?> _memory = new();

    public async Task<Product> LocalizeAsync(Product product, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (language is "en" or "zh")
        {
            return product; // every catalog product has both
        }

        var title = await TextAsync(product.Title, language, cancellationToken).ConfigureAwait(false);
        var unit = await TextAsync(product.Unit, language, cancellationToken).ConfigureAwait(false);
        var attributes = new List<ProductAttribute>();
        foreach (var attribute in product.Attributes ?? [])
        {
            attributes.Add(new ProductAttribute
            {
                Name = await TextAsync(attribute.Name, language, cancellationToken).ConfigureAwait(false),
                Value = await TextAsync(attribute.Value, language, cancellationToken).ConfigureAwait(false),
            });
        }

        var stock = new List<StockLevel>();
        foreach (var level in product.Stock ?? [])
        {
            stock.Add(new StockLevel { Warehouse = await PlainAsync(level.Warehouse, language, cancellationToken).ConfigureAwait(false) ?? level.Warehouse, Country = level.Country, Qty = level.Qty });
        }

        return new Product
        {
            Id = product.Id, Shop = product.Shop, Category = product.Category, Title = title, Description = product.Description,
            Attributes = product.Attributes is null ? null : attributes, Variants = product.Variants, Unit = unit, Moq = product.Moq,
            PriceTiers = product.PriceTiers, Stock = product.Stock is null ? null : stock, LeadTimeDays = product.LeadTimeDays,
            Customization = product.Customization, Samples = product.Samples, Certifications = product.Certifications,
            Shipping = product.Shipping, Images = product.Images, UpdatedAt = product.UpdatedAt,
        };
    }

    private async Task<LocalizedText?> TextAsync(LocalizedText? text, string language, CancellationToken cancellationToken)
    {
        if (text is null || text.ContainsKey(language) || text.For("en") is not { } english)
        {
            return text;
        }

        var translated = await PlainAsync(english, language, cancellationToken).ConfigureAwait(false);
        if (translated is null)
        {
            return text;
        }

        var copy = new LocalizedText();
        foreach (var (lang, value) in text)
        {
            copy[lang] = value;
        }

        copy[language] = translated;
        return copy;
    }

    /// <summary>The translation of an English product text, or null when no engine gave one worth showing.</summary>
    private async Task<string?> PlainAsync(string? english, string language, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(english) || english.Length > MaxTextChars || !english.Any(char.IsLetter))
        {
            return null;
        }

        var key = (english, language);
        if (_memory.TryGetValue(key, out var known))
        {
            return known;
        }

        var stored = (await db.Database.ReadJsonAsync<string>(
            "SELECT json_quote(text) FROM product_texts WHERE source = $source AND lang = $lang", System.Text.Json.JsonSerializerOptions.Default, cancellationToken,
            ("$source", english), ("$lang", language)).ConfigureAwait(false)).FirstOrDefault();
        if (stored is not null)
        {
            return _memory[key] = stored;
        }

        // A slow engine must not hold the buyer's answer: past the budget the English stays this time, and is tried again later.
        TranslationResult result;
        using (var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            budget.CancelAfter(TranslationBudget);
            try
            {
                result = await translator.TranslateAsync(english, "en", language, budget.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        var usable = result.IsTranslated && !result.IsDraft && !string.Equals(result.Text, english, StringComparison.Ordinal) ? result.Text : null;
        if (usable is not null)
        {
            await db.Database.WriteAsync(async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT OR REPLACE INTO product_texts (source, lang, text, engine) VALUES ($source, $lang, $text, $engine)";
                command.Parameters.AddWithValue("$source", english);
                command.Parameters.AddWithValue("$lang", language);
                command.Parameters.AddWithValue("$text", usable);
                command.Parameters.AddWithValue("$engine", result.Engine);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        _memory[key] = usable; // a text no engine could translate is not asked again until restart
        return usable;
    }
}
