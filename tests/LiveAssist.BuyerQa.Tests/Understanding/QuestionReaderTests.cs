using LiveAssist.BuyerQa.Understanding;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.BuyerQa.Tests.Understanding;

/// <summary>
/// What a buyer's chat message asks, read with keyword lists like the operator's <c>locales/*/intents.json</c>
/// (given here, so the test states the words it relies on).
/// </summary>
public sealed class QuestionReaderTests
{
    private static readonly LocaleTexts Texts = new(
        new Dictionary<string, IReadOnlyDictionary<string, string[]>>
        {
            ["en"] = new Dictionary<string, string[]>
            {
                ["intent.price"] = ["price", "how much", "cost"],
                ["intent.moq"] = ["moq", "minimum order"],
                ["intent.shipping"] = ["shipping", "delivery", "ship"],
                ["intent.leadTime"] = ["how long", "lead time"],
                ["intent.colors"] = ["colors", "colours"],
                ["unit.pieces"] = ["pcs", "pieces"],
                ["ref.this"] = ["this", "this one"],
                ["ref.number"] = ["number"],
                ["color.black"] = ["black"],
                ["color.pink"] = ["pink"],
                ["stopWords"] = ["do", "you", "have", "in", "is", "of", "for", "the", "to", "what"],
            },
            ["es"] = new Dictionary<string, string[]>
            {
                ["intent.price"] = ["precio", "cuánto"],
                ["intent.leadTime"] = ["cuántos días"],
                ["unit.pieces"] = ["piezas"],
                ["stopWords"] = ["el", "la", "de", "tarda"],
            },
        },
        ["en"]);

    private static readonly QuestionReader Reader = new(new KeywordMatcher(), CountryRecognizer.Load());

    private static BuyerQuestion Read(string text, string language = "en") => Reader.Read(text, language, Texts);

    [Fact]
    public void APriceQuestion_ReadsTheProductIdQuantityAndIncoterm()
    {
        var question = Read("How much is yw-100234 for 3000 pcs, cif?");
        Assert.Equal(BuyerIntent.Price, question.Intent);
        Assert.Equal("YW-100234", question.Product.ProductId);
        Assert.Equal(3000, question.Quantity);
        Assert.Equal("CIF", question.Incoterm);
    }

    [Fact]
    public void HowMuchIsShipping_IsAFreightQuestion_WithItsDestination()
    {
        var question = Read("How much is shipping to Brazil?");
        Assert.Equal(BuyerIntent.Shipping, question.Intent);
        Assert.Equal("BR", question.Country);
    }

    [Fact]
    public void APriceWordInsideALongerLeadTimePhrase_IsALeadTimeQuestion()
    {
        Assert.Equal(BuyerIntent.LeadTime, Read("¿Cuántos días tarda?", "es").Intent);
        Assert.Equal(BuyerIntent.Price, Read("¿Cuánto cuesta?", "es").Intent);
    }

    [Fact]
    public void BuyersWhoMixInEnglishOrDropAccents_AreStillUnderstood()
    {
        Assert.Equal(BuyerIntent.Moq, Read("cual es el MOQ", "es").Intent);
        Assert.Equal(BuyerIntent.Price, Read("cuanto cuesta", "es").Intent);
    }

    [Fact]
    public void AColourAlone_IsAboutTheProductOnScreen()
    {
        var question = Read("do you have this in pink?");
        Assert.Equal(BuyerIntent.Colors, question.Intent);
        Assert.Equal("pink", question.Color);
        Assert.True(question.Product.IsCurrent);
    }

    [Theory]
    [InlineData("price of #3", 3)]
    [InlineData("price of number 12", 12)]
    [InlineData("第2款多少钱", 2)]
    public void ANumberFromTheLiveList_IsTheListNumber_NotAQuantity(string text, int listNumber)
    {
        var question = Read(text);
        Assert.Equal(listNumber, question.Product.ListNumber);
        Assert.Null(question.Quantity);
    }

    [Fact]
    public void AModelNumberOrASize_IsNotAQuantity()
    {
        Assert.Null(Read("price for iPhone 16 case").Quantity);
        Assert.Null(Read("price of the 500ml cup").Quantity);
        Assert.Equal(200, Read("price of the 500ml cup, 200 pieces").Quantity);
    }

    [Fact]
    public void WordsLeftAfterTheQuestion_AreWhatToSearchTheCatalogFor()
    {
        var question = Read("price of stainless thermos?");
        Assert.Equal("stainless thermos", question.Product.SearchText);
    }
}
