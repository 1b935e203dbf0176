namespace LiveAssist.Translation.Figures;

/// <summary>
/// Checks that a translation shows exactly the source's figures: every required number present,
/// no number the source did not say. A price that changes in translation is worse than no caption.
/// </summary>
public static class FiguresGuard
{
    /// <param name="language">The translation's language: its number words and ordinals count ("buy two, get one free"
    /// shows 2 and 1). A lone small number word never counts as invented, since many are also ordinary words.</param>
    public static FiguresCheck Check(IReadOnlyList<Figure> sourceFigures, string translation, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(sourceFigures);
        var required = FigureReader.Required(sourceFigures);
        var allowed = sourceFigures.SelectMany(f => new[] { f.Value, f.Second ?? f.Value }).Append(1m).ToHashSet();
        var digits = NumberRecognizer.Recognize(translation);
        var words = language is null ? [] : NumberWords.Recognize(translation, language)
            .Where(w => !digits.Any(d => w.Number.Start < d.Start + d.Length && d.Start < w.Number.Start + w.Number.Length)).ToList();
        var found = digits.Select(n => n.Value).Concat(words.Select(w => w.Number.Value)).ToList();
        var missing = required.Where(v => !found.Contains(v)).Distinct().ToList();
        var unexpected = digits.Select(n => n.Value).Concat(words.Where(w => w.Strong).Select(w => w.Number.Value))
            .Where(v => !allowed.Contains(v)).Distinct().ToList();

        // A price's currency is part of the price: where the source said money, the translation may name only its currencies.
        var spoken = sourceFigures.Where(f => f.Kind == FigureKind.Money && f.Unit is not null).Select(f => f.Unit!).ToHashSet(StringComparer.Ordinal);
        var wrongCurrency = spoken.Count == 0 ? [] : CurrencyMentions.In(translation).Where(c => !spoken.Contains(c)).Order(StringComparer.Ordinal).ToList();
        return new FiguresCheck(missing, unexpected) { WrongCurrencies = wrongCurrency };
    }
}

/// <summary>The numbers a translation lost, those it invented, and currencies it put on the source's prices.</summary>
public sealed record FiguresCheck(IReadOnlyList<decimal> Missing, IReadOnlyList<decimal> Unexpected)
{
    public IReadOnlyList<string> WrongCurrencies { get; init; } = [];

    public bool IsCorrect => Missing.Count == 0 && Unexpected.Count == 0 && WrongCurrencies.Count == 0;

    public override string ToString() => IsCorrect ? "figures match" :
        $"missing [{string.Join(", ", Missing)}], unexpected [{string.Join(", ", Unexpected)}]"
        + (WrongCurrencies.Count > 0 ? $", wrong currency [{string.Join(", ", WrongCurrencies)}]" : string.Empty);
}
