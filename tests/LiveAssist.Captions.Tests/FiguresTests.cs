using LiveAssist.Translation.Figures;

namespace LiveAssist.Captions.Tests;

public sealed class FiguresTests
{
    [Fact]
    public void A_spoken_price_with_each_and_a_minimum_order_are_read_as_money_and_quantity()
    {
        var figures = FigureReader.Read("这款一块八毛五一个，五百个起批");
        Assert.Equal([FigureKind.Money, FigureKind.PerUnit, FigureKind.Quantity], figures.Select(f => f.Kind));
        Assert.Equal(1.85m, figures[0].Value);
        Assert.Equal(500m, figures[2].Value);
        Assert.Equal([1.85m, 500m], FigureReader.Required(figures));
    }

    [Fact]
    public void Offers_sizes_and_weights_are_figures_words_with_a_digit_inside_are_not()
    {
        var offer = FigureReader.Read("买二送一，一起下单");
        Assert.Single(offer);
        Assert.Equal((FigureKind.BuyGet, 2m, 1m), (offer[0].Kind, offer[0].Value, offer[0].Second!.Value));
        var size = FigureReader.Read("高30cm，重两公斤，三打");
        Assert.Equal([("cm", 30m), ("kg", 2m)], size.Where(f => f.Kind == FigureKind.Metric).Select(f => (f.Unit!, f.Value)));
        Assert.Contains(size, f => f.Kind == FigureKind.Quantity && f.Value == 3 && f.Unit == "打");
    }

    [Theory]
    [InlineData("en", "1.85 yuan each, minimum 500 pcs", true)]
    [InlineData("es", "1,85 yuanes c/u, pedido mínimo 500 pzas", true)]
    [InlineData("fr", "1,85 yuan l'unité, 500 pcs minimum", true)]
    [InlineData("en", "18.5 yuan each, minimum 500 pcs", false)]
    [InlineData("en", "1.85 yuan each, minimum 50 pcs", false)]
    [InlineData("en", "1.85 yuan each, minimum 500 pcs, 5000 in stock", false)]
    public void The_guard_accepts_a_translation_only_with_exactly_the_source_figures(string language, string translation, bool correct)
    {
        var check = FiguresGuard.Check(FigureReader.Read("这款一块八毛五一个，五百个起批"), translation);
        Assert.True(check.IsCorrect == correct, $"{language}: {check}");
    }

    [Fact]
    public void Figures_are_written_the_way_each_language_writes_numbers()
    {
        var quantity = FigureReader.Read("三千件")[0];
        Assert.Equal("3,000 pcs", UnitWords.Render(quantity, "en"));
        Assert.Equal("3.000 pzas", UnitWords.Render(quantity, "es"));
        Assert.Equal("3000個", UnitWords.Render(quantity, "ja").Replace(",", string.Empty, StringComparison.Ordinal));
        var price = FigureReader.Read("一块八毛五")[0];
        Assert.Equal("1,85 юаня", UnitWords.Render(price, "ru"));
    }
}
