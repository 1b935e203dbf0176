using LiveAssist.Translation.Figures;

namespace LiveAssist.Translation.Tests.Figures;

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

    [Theory]
    [InlineData("en", "Welcome! Buy two sets of magnetic tiles today and get one free.", true)]
    [InlineData("es", "Compren dos juegos y llévense uno gratis.", true)]
    [InlineData("ru", "Купите два набора и получите один бесплатно.", true)]
    [InlineData("ar", "اشترِ اثنين واحصل على واحد مجانًا.", true)]
    [InlineData("fr", "Achetez deux lots, le troisième offert.", false)] // "one free" is missing
    [InlineData("en", "Buy three sets and get one free.", false)]
    public void The_guard_reads_number_words_of_the_translations_language(string language, string translation, bool correct)
    {
        var check = FiguresGuard.Check(FigureReader.Read("今天的磁力片买二送一"), translation, language);
        Assert.True(check.IsCorrect == correct, $"{language}: {check}");
    }

    [Fact]
    public void Number_words_compose_and_are_read_per_language()
    {
        Assert.Equal(2500m, NumberWords.Recognize("two thousand five hundred pieces", "en").Single().Number.Value);
        Assert.Equal(1200m, NumberWords.Recognize("mille deux cents pièces", "fr").Single().Number.Value);
        Assert.Equal(25m, NumberWords.Recognize("двадцать пять штук", "ru").Single().Number.Value);
        Assert.Equal(520m, NumberWords.Recognize("quinientas veinte piezas", "es").Single().Number.Value);
        Assert.Equal(2m, NumberWords.Recognize("the second link", "en").Single().Number.Value);
        Assert.Empty(NumberWords.Recognize("once you order", "en")); // "once" is 11 only in Spanish
        Assert.Equal(11m, NumberWords.Recognize("once piezas", "es").Single().Number.Value);
        // An ordinal or a lone small word never counts as an invented figure.
        Assert.True(FiguresGuard.Check(FigureReader.Read("五百个起批"), "Minimum order 500 pcs, wait a second", "en").IsCorrect);
        Assert.False(FiguresGuard.Check(FigureReader.Read("五百个起批"), "Minimum order 500 pcs, five thousand in stock", "en").IsCorrect);
    }

    [Fact]
    public void Prices_in_mao_discounts_percentages_and_durations_are_figures()
    {
        Assert.Equal((FigureKind.Money, 0.8m), (FigureReader.Read("八毛钱一个")[0].Kind, FigureReader.Read("八毛钱一个")[0].Value));
        Assert.Equal(0.75m, FigureReader.Read("三百个以上七毛五")[1].Value);
        var discount = FigureReader.Read("全场八五折")[0];
        Assert.Equal((FigureKind.Discount, 15m), (discount.Kind, discount.Value));
        Assert.Equal("15% off", UnitWords.Render(discount, "en"));
        Assert.Equal("30%", UnitWords.Render(FigureReader.Read("定金百分之三十")[0], "en"));
        Assert.Equal("5 minutes", UnitWords.Render(FigureReader.Read("最后五分钟")[0], "en"));
        Assert.Equal("10 years", UnitWords.Render(FigureReader.Read("有十年经验")[0], "en"));
        Assert.Equal("US$1.85", UnitWords.Render(FigureReader.Read("一块八毛五", "USD")[0], "en"));
        Assert.Equal("1.85 yuan", UnitWords.Render(FigureReader.Read("一块八毛五人民币", "USD")[0], "en")); // said in RMB: stays yuan
    }

    [Theory]
    [InlineData("ko", "개당 1.85위안, 최소 주문 오백 개", true)]
    [InlineData("ko", "개당 1.85위안, 최소 주문 오백개", true)]
    [InlineData("ko", "개당 1.85위안, 최소 주문 오천 개, 구매 환영", false)]
    [InlineData("th", "ราคาชิ้นละ 1.85 หยวน สั่งขั้นต่ำห้าร้อยชิ้น", true)]
    [InlineData("th", "ราคาชิ้นละ 1.85 หยวน สั่งขั้นต่ำห้าพันชิ้น", false)]
    [InlineData("ja", "1個1.85元、最低注文五百個", true)]
    [InlineData("ja", "1個1.85元、最低注文五千個", false)]
    public void Thai_Korean_and_Japanese_number_words_count_glued_into_words_as_they_are_written(string language, string translation, bool correct)
        => Assert.Equal(correct, FiguresGuard.Check(FigureReader.Read("这款一块八毛五一个，五百个起批。"), translation, language).IsCorrect);

    [Theory]
    [InlineData("th", "สองพันห้าร้อย", 2500)]
    [InlineData("th", "ยี่สิบเอ็ด", 21)]
    [InlineData("th", "ห้าแสน", 500000)]
    [InlineData("ko", "이천오백", 2500)]
    [InlineData("ko", "오만", 50000)]
    [InlineData("ko", "십이만 삼천", 120000)]
    public void Glued_numerals_read_as_their_values(string language, string words, int value)
        => Assert.Equal(value, NumberWords.Recognize(words, language).First().Number.Value);
}
