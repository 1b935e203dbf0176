namespace LiveAssist.Translation.Figures;

/// <summary>
/// Checks that a translation shows exactly the source's figures: every required number present,
/// no number the source did not say. A price that changes in translation is worse than no caption.
/// </summary>
public static class FiguresGuard
{
    public static FiguresCheck Check(IReadOnlyList<Figure> sourceFigures, string translation)
    {
        ArgumentNullException.ThrowIfNull(sourceFigures);
        var required = FigureReader.Required(sourceFigures);
        var allowed = sourceFigures.SelectMany(f => new[] { f.Value, f.Second ?? f.Value }).Append(1m).ToHashSet();
        var found = NumberRecognizer.Recognize(translation).Select(n => n.Value).ToList();
        var missing = required.Where(v => !found.Contains(v)).Distinct().ToList();
        var unexpected = found.Where(v => !allowed.Contains(v)).Distinct().ToList();
        return new FiguresCheck(missing, unexpected);
    }
}

/// <summary>The numbers a translation lost, and those it invented.</summary>
public sealed record FiguresCheck(IReadOnlyList<decimal> Missing, IReadOnlyList<decimal> Unexpected)
{
    public bool IsCorrect => Missing.Count == 0 && Unexpected.Count == 0;

    public override string ToString() => IsCorrect ? "figures match" :
        $"missing [{string.Join(", ", Missing)}], unexpected [{string.Join(", ", Unexpected)}]";
}
