namespace LiveAssist.Translation.Figures;

/// <summary>What a figure in a host's line is, which decides how it reads in another language.</summary>
public enum FigureKind
{
    /// <summary>A bare number ("五百起批": 500).</summary>
    Number,

    /// <summary>An amount of money with its currency.</summary>
    Money,

    /// <summary>A count with a Chinese measure word (件, 套, 箱, 打 ...).</summary>
    Quantity,

    /// <summary>A metric measurement (cm, kg, ml ...).</summary>
    Metric,

    /// <summary>"一个" right after a price: "each".</summary>
    PerUnit,

    /// <summary>"买二送一": buy <see cref="Figure.Value"/>, get <see cref="Figure.Second"/> free.</summary>
    BuyGet,

    /// <summary>"九折" (pay 90%): <see cref="Figure.Value"/> is the percentage off (10).</summary>
    Discount,

    /// <summary>"百分之三十", "30%".</summary>
    Percent,
}

/// <summary>A price, quantity, measurement or offer found in a source line, with where it stands.</summary>
/// <param name="Unit">Measure-word group, metric symbol or currency code, by kind.</param>
public sealed record Figure(int Start, int Length, FigureKind Kind, decimal Value, decimal? Second, string? Unit)
{
    /// <summary>The numbers a correct translation must contain. A lone "one" ("一个" = each) is often translated as a word, so it is not required.</summary>
    public IEnumerable<decimal> RequiredValues()
    {
        if (Kind == FigureKind.BuyGet)
        {
            yield return Value;
            yield return Second ?? 0;
            yield break;
        }

        if (Kind == FigureKind.PerUnit)
        {
            yield break;
        }

        if (Value != 1 || Kind is FigureKind.Money or FigureKind.Metric)
        {
            yield return Value;
        }
    }
}
