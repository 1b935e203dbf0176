using LiveAssist.Catalog.Client;
using LiveAssist.Review;
using LiveAssist.Review.Catalog;
using LiveAssist.Review.Rules;

namespace LiveAssist.Review.Tests;

/// <summary>The review's building blocks without a host: clause editing, pattern exceptions, catalog claims.</summary>
public sealed class ReviewCheckTests
{
    [Theory]
    [InlineData("全网最低价，一块八毛五一个。", "全网最低价", "一块八毛五一个。")]
    [InlineData("一块八毛五一个，全网最低价。", "全网最低价", "一块八毛五一个。")]
    [InlineData("这款有CE认证，全网最好。", "CE", "全网最好。")]
    [InlineData("全网最好。", "全网最好", "")]
    [InlineData("We ship today, it is the best cup.", "the best", "We ship today.")]
    public void Carry_DropsTheClauseOfEachBlockedSpan_KeepingTheRest(string text, string blocked, string carried)
    {
        var start = text.IndexOf(blocked, StringComparison.Ordinal);
        Assert.Equal(carried, ClauseEditor.Carry(text, [(new FindingSpan(start, blocked.Length, blocked), null)]));
    }

    [Fact]
    public void Carry_WithAReplacement_RewordsOnlyTheWords()
    {
        const string Text = "这是国家级工艺，一块八。";
        Assert.Equal("这是精湛工艺，一块八。", ClauseEditor.Carry(Text, [(new FindingSpan(2, 3, "国家级"), "精湛")]));
    }

    [Theory]
    [InlineData("这是我们今年的最新款。", 0)]
    [InlineData("第一批货到了，义乌第一的工厂。", 1)]
    [InlineData("这款是最好的。", 1)]
    [InlineData("最低起订量五百个，全网最低价。", 1)]
    public void PatternSet_AMatchAnExceptionOverlaps_DoesNotCount(string text, int expected)
    {
        var set = PatternSet.Create(["第一"], ["最(?:好|低价?)"], ["第一批", "最新款", "最低起订"], [])!;
        Assert.Equal(expected, set.Find(text, 10, (_, _) => { }));
    }

    [Fact]
    public void PatternSet_LatinTerms_MatchWholeWordsOnly()
    {
        var set = PatternSet.Create(["green product"], [], [], [])!;
        Assert.Equal(1, set.Find("a green  product for you", 10, (_, _) => { }));
        Assert.Equal(0, set.Find("evergreen products", 10, (_, _) => { }));
    }

    [Theory]
    [InlineData("(unclosed")]
    [InlineData("a*")]
    public void PatternSet_RefusesRegexesThatDoNotCompileOrMatchNothing(string regex) => Assert.NotNull(PatternSet.Problem(regex));

    [Theory]
    [InlineData("这款有CE认证。", "catalog-certification")]
    [InlineData("这款没有CE认证。", null)]
    [InlineData("这款有FDA认证。", null)]
    [InlineData("这款一块二一个。", "catalog-price")]
    [InlineData("两千个以上一块六毛二。", null)]
    [InlineData("五千个以上一块六毛二。", "catalog-price")]
    [InlineData("样品五美元一个。", null)]
    [InlineData("三百个起批。", "catalog-moq")]
    [InlineData("起订量是五百个。", null)]
    [InlineData("库存有五万个。", "catalog-stock")]
    [InlineData("现货一万二千个。", null)]
    [InlineData("保温十二个小时，有现货。", null)]
    public void CatalogClaims_AgainstTheProductOnScreen(string line, string? rule)
    {
        var product = new Product
        {
            Id = "YW-100234", Moq = 500, Certifications = ["FDA", "LFGB"],
            PriceTiers = [new() { MinQty = 500, UnitPrice = 1.85m, Currency = "USD" }, new() { MinQty = 2000, UnitPrice = 1.62m, Currency = "USD" }, new() { MinQty = 5000, UnitPrice = 1.45m, Currency = "USD" }],
            Stock = [new() { Warehouse = "Yiwu", Country = "CN", Qty = 12000 }, new() { Warehouse = "Dubai", Country = "AE", Qty = 800 }],
        };
        var findings = CatalogClaims.Check(line, product, 3).Select(f => f.Rule).ToList();
        if (rule is null)
        {
            Assert.Empty(findings);
        }
        else
        {
            Assert.Equal(rule, Assert.Single(findings));
        }
    }

    [Theory]
    [InlineData("这款是304不锈钢的。", null, null)]
    [InlineData("我们这个杯子是纯铜打造的。", "catalog-material", "block")]
    [InlineData("材质是201不锈钢。", "catalog-material", "block")]
    [InlineData("这个杯子是玻璃的。", "catalog-material", "block")]
    [InlineData("包装盒是纸的，杯子是304不锈钢。", null, null)]
    [InlineData("比玻璃杯轻多了。", null, null)]
    [InlineData("它不是塑料的。", null, null)]
    [InlineData("这是义乌生产的。", null, null)]
    [InlineData("这款是德国原装进口的。", "catalog-origin", "warn")]
    [InlineData("用的是日本进口的机芯。", null, null)]
    [InlineData("不是日本制造的，是义乌的工厂做的。", null, null)]
    public void MaterialAndOrigin_AgainstTheCatalogsAttributes(string line, string? rule, string? severity)
    {
        var findings = CatalogClaims.Check(line, Flask(), 3).ToList();
        if (rule is null)
        {
            Assert.Empty(findings);
        }
        else
        {
            var finding = Assert.Single(findings);
            Assert.Equal((rule, severity), (finding.Rule, finding.Severity));
        }
    }

    [Fact]
    public void MaterialAndOrigin_AGradeTheCatalogDoesNotGiveWarns_AnOriginItContradictsBlocks()
    {
        var plain = Flask("不锈钢", origin: "中国浙江义乌");
        Assert.Equal(("catalog-material", "warn"), Assert.Single(CatalogClaims.Check("材质是316不锈钢。", plain, 3).Select(f => (f.Rule, f.Severity))));
        Assert.Equal(("catalog-origin", "block"), Assert.Single(CatalogClaims.Check("这款是日本制造的。", plain, 3).Select(f => (f.Rule, f.Severity))));
        Assert.Empty(CatalogClaims.Check("这是浙江义乌产的。", plain, 3));
    }

    private static Product Flask(string material = "304不锈钢", string? origin = null)
    {
        var product = new Product
        {
            Id = "YW-100234",
            Attributes = [new() { Name = new() { ["zh"] = "材质", ["en"] = "Material" }, Value = new() { ["zh"] = material } }],
        };
        if (origin is not null)
        {
            product.Attributes.Add(new() { Name = new() { ["zh"] = "产地", ["en"] = "Origin" }, Value = new() { ["zh"] = origin } });
        }

        return product;
    }
}
