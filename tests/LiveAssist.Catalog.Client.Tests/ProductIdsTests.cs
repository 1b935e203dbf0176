namespace LiveAssist.Catalog.Client.Tests;

/// <summary>Product ids as buyers type them and hosts say them, also inside Chinese text with no spaces.</summary>
public sealed class ProductIdsTests
{
    [Theory]
    [InlineData("有YW-100306的货吗", "YW-100306")]
    [InlineData("price of yw-100234?", "yw-100234")]
    [InlineData("#3 or ABC-1234, which?", "ABC-1234")]
    public void AnIdInTheMessage_IsFound(string text, string id) => Assert.Equal(id, ProductIds.Find(text).Value);

    [Theory]
    [InlineData("call 138-1234-5678")]
    [InlineData("COVID-19 test")]
    [InlineData("XYWZ-100234")]
    [InlineData("YW-12")]
    public void ThingsThatOnlyLookLikeIds_AreNot(string text) => Assert.False(ProductIds.Find(text).Success);

    [Fact]
    public void EveryIdIsFound_InOrder()
        => Assert.Equal(["YW-100234", "YW-100306"], ProductIds.FindAll("YW-100234 和 YW-100306 哪个好").Select(m => m.Value));
}
