using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace LiveAssist.Host.IntegrationTests.Catalog;

/// <summary>
/// A merchant's own products from the studio (<c>/api/shop</c>): the product form saves a product as the account's
/// shop and buyers find it in their language; pictures are kept and served by this host, only real pictures; CSV
/// (UTF-8 or GB18030, as Chinese Excel saves it) and XLSX import with a preview of the rows that would be refused.
/// Another shop's products, bad cells, a 10 MB file or too many rows get Chinese reasons and save nothing.
/// </summary>
public sealed class ShopCatalogTests : IAsyncLifetime
{
    private const string Header = "编号,名称,英文名称,名称.es,起订量,价格阶梯,币种,库存,交期天数,规格,认证";
    private LiveAssistFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new LiveAssistFactory(StudioAccounts.Settings(
            ("chenguang", "pass-a", "merchant", "S-88201"), ("hengda", "pass-b", "merchant", "S-88315"), ("noshop", "pass-c", "merchant", null), ("looker", "pass-d", "viewer", null)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ProductForm_SavedAsTheAccountsShop_BuyersFindItInSpanish_OtherShopsAndBadFieldsRefusedInChinese()
    {
        using var owner = await SignInAsync("chenguang", "pass-a");
        using var other = await SignInAsync("hengda", "pass-b");
        var product = Flask("CG-9001", moq: 300);
        product["shop"] = new Dictionary<string, object> { ["id"] = "S-00000" }; // a body cannot name another shop

        using var created = await owner.PutAsJsonAsync("/api/shop/products/CG-9001?create=true", product);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var es = await GetAsync(owner, "/catalog/v1/products/CG-9001?lang=es");
        Assert.Equal("Termo de acero 600ml", es.GetProperty("title").GetProperty("es").GetString());
        Assert.Equal("S-88201", es.GetProperty("shop").GetProperty("id").GetString());
        Assert.Equal("义乌恒达杯业", ShopName(await GetAsync(owner, "/catalog/v1/products/CG-9001")), StringComparer.Ordinal); // the shop's name as its other products carry it
        var found = await GetAsync(owner, "/catalog/v1/products?q=termo%20acero&lang=es&shopId=S-88201");
        Assert.Contains(found.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == "CG-9001");

        // The list is this shop's only; another merchant cannot see, change or take the id.
        var mine = await GetAsync(owner, "/api/shop/products");
        Assert.All(mine.GetProperty("items").EnumerateArray(), p => Assert.Equal("S-88201", p.GetProperty("shop").GetProperty("id").GetString()));
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == "CG-9001");
        using var taken = await other.PutAsJsonAsync("/api/shop/products/CG-9001", Flask("CG-9001", moq: 1));
        Assert.Equal(HttpStatusCode.Forbidden, taken.StatusCode);
        Assert.Contains("别的店铺", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/shop/products/CG-9001")).StatusCode);

        // "New product" with an id in use is refused, not merged; a bad field says which, in Chinese; nothing changed.
        using var again = await owner.PutAsJsonAsync("/api/shop/products/CG-9001?create=true", Flask("CG-9001", moq: 5));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var invalid = await owner.PutAsJsonAsync("/api/shop/products/CG-9001", Flask("CG-9001", moq: 0));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("起订量要是大于 0 的整数", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(300, (await GetAsync(owner, "/catalog/v1/products/CG-9001")).GetProperty("moq").GetInt32());

        // Editing keeps what the form does not show, and changes what it does.
        var edited = Flask("CG-9001", moq: 200);
        using var saved = await owner.PutAsJsonAsync("/api/shop/products/CG-9001", edited);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(200, (await GetAsync(owner, "/catalog/v1/products/CG-9001")).GetProperty("moq").GetInt32());

        // Who may: a viewer no, nobody no, a merchant without a shop is told to get one.
        using var viewer = await SignInAsync("looker", "pass-d");
        using var noShop = await SignInAsync("noshop", "pass-c");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/shop/products")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/shop/products")).StatusCode);
        using var told = await noShop.GetAsync("/api/shop/products");
        Assert.Equal(HttpStatusCode.Conflict, told.StatusCode);
        Assert.Contains("还没有绑定店铺", await told.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pictures_RealPictureKeptAndServedHere_TextSvgAndHtmlRefused_TooLargeRefused()
    {
        using var owner = await SignInAsync("chenguang", "pass-a");
        var png = await owner.GetByteArrayAsync("/catalog/v1/images/YW-100235.png");

        using var uploaded = await owner.PostAsync("/api/shop/pictures", Bytes(png, "image/png"));
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var url = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        Assert.StartsWith("/media/pictures/", url, StringComparison.Ordinal);
        using var served = await _factory.CreateClient().GetAsync(url); // buyers' cards load it without a sign-in
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.True(File.Exists(Path.Combine(_factory.DataDirectory, "pictures", url["/media/pictures/".Length..])));

        // What the file says it is counts for nothing: a text file, an SVG (script) or HTML labelled image/png are refused.
        foreach (var notAPicture in new[] { "hello, this is a price list", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "<html><body>x</body></html>" })
        {
            using var refused = await owner.PostAsync("/api/shop/pictures", Bytes(Encoding.UTF8.GetBytes(notAPicture), "image/png"));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
            Assert.Contains("这个文件不是图片", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var huge = await owner.PostAsync("/api/shop/pictures", Bytes([.. png, .. new byte[6 * 1024 * 1024]], "image/png"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("图片最大 5 MB", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_factory.DataDirectory, "pictures")));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/media/pictures/..%2Fcatalog.db")).StatusCode);
    }

    [Fact]
    public async Task CsvImport_PreviewListsRefusedRowsAndSavesNothing_ImportSavesTheGoodRowsOnly_KeepsFieldsTheSheetLacks()
    {
        using var owner = await SignInAsync("chenguang", "pass-a");
        var csv = string.Join("\r\n",
            Header,
            "CG-9101,硅胶折叠水杯,Silicone Folding Cup,Vaso plegable de silicona,500,500:0.95;2000:0.80,USD,义乌仓:CN:6000,12,CG-9101-PNK=粉色/Pink,FDA",
            "YW-100235,,,,400,400:1.70；1000:1.55,美元,,,,",            // this shop's product: MOQ and prices change, full-width ；
            "CG-9102,竹纤维餐盘,Bamboo Plate,,abc,100:1.2,USD,,,,",      // MOQ not a number
            "YW-100234,别人的杯子,Someone else's flask,,100,100:1,USD,,,,", // another shop's id
            ",没有编号的商品,No id,,100,100:1,USD,,,,",
            "CG-9101,重复,Duplicate,,100,100:1,USD,,,,",
            "CG-9103,宠物碗,Pet Bowl,,100,100:1.5;50:1.6,USD,,,,");     // tiers out of order
        var before = await GetAsync(owner, "/catalog/v1/products/YW-100235");

        var preview = await PostFileAsync(owner, "/api/shop/import/preview", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray());
        Assert.False(preview.GetProperty("saved").GetBoolean());
        Assert.Equal(7, preview.GetProperty("rows").GetInt32());
        Assert.Equal(["CG-9101", "YW-100235"], preview.GetProperty("ready").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal([true, false], preview.GetProperty("ready").EnumerateArray().Select(r => r.GetProperty("isNew").GetBoolean()));
        var rejected = preview.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32(), r => r.GetProperty("error").GetString()!);
        Assert.Equal([4, 5, 6, 7, 8], rejected.Keys.Order());
        Assert.Contains("“起订量”：“abc”不是整数", rejected[4], StringComparison.Ordinal);
        Assert.Contains("别的店铺", rejected[5], StringComparison.Ordinal);
        Assert.Contains("没有填“编号”", rejected[6], StringComparison.Ordinal);
        Assert.Contains("出现了两次", rejected[7], StringComparison.Ordinal);
        Assert.Contains("从小到大", rejected[8], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/catalog/v1/products/CG-9101")).StatusCode); // a preview saves nothing

        var imported = await PostFileAsync(owner, "/api/shop/import", Encoding.UTF8.GetBytes(csv));
        Assert.Equal(1, imported.GetProperty("inserted").GetInt32());
        Assert.Equal(1, imported.GetProperty("updated").GetInt32());
        var cup = await GetAsync(owner, "/catalog/v1/products/CG-9101?lang=es");
        Assert.Equal("Vaso plegable de silicona", cup.GetProperty("title").GetProperty("es").GetString());
        Assert.Equal([0.95m, 0.80m], cup.GetProperty("priceTiers").EnumerateArray().Select(t => t.GetProperty("unitPrice").GetDecimal()));
        Assert.Equal("义乌仓", cup.GetProperty("stock")[0].GetProperty("warehouse").GetString());
        Assert.Equal("S-88201", cup.GetProperty("shop").GetProperty("id").GetString());
        var updated = await GetAsync(owner, "/catalog/v1/products/YW-100235");
        Assert.Equal(400, updated.GetProperty("moq").GetInt32());
        Assert.Equal(1.55m, updated.GetProperty("priceTiers")[1].GetProperty("unitPrice").GetDecimal());
        Assert.Equal(before.GetProperty("title").GetProperty("zh").GetString(), updated.GetProperty("title").GetProperty("zh").GetString());
        Assert.Equal(before.GetProperty("images").ToString(), updated.GetProperty("images").ToString());
        Assert.Equal(before.GetProperty("shipping").ToString(), updated.GetProperty("shipping").ToString());
        Assert.Equal("S-88123", (await GetAsync(owner, "/catalog/v1/products/YW-100234")).GetProperty("shop").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/catalog/v1/products/CG-9102")).StatusCode);
    }

    [Fact]
    public async Task XlsxAndGb18030Csv_AsChineseExcelSavesThem_ImportWithChineseIntact()
    {
        using var owner = await SignInAsync("chenguang", "pass-a");
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(new[]
        {
            new Dictionary<string, object> { ["编号"] = "CG-9201", ["名称"] = "不锈钢饭盒", ["英文名称"] = "Steel Lunch Box", ["起订量"] = 240, ["价格阶梯"] = "240:3.2;1200:2.9", ["币种"] = "USD", ["交期天数"] = 15 },
            new Dictionary<string, object> { ["编号"] = "CG-9202", ["名称"] = "玻璃水杯", ["英文名称"] = "Glass Cup", ["起订量"] = -1, ["价格阶梯"] = "100:1", ["币种"] = "USD", ["交期天数"] = 3 },
        }, excelType: ExcelType.XLSX);
        var fromXlsx = await PostFileAsync(owner, "/api/shop/import", xlsx.ToArray());
        Assert.Equal(1, fromXlsx.GetProperty("inserted").GetInt32());
        Assert.Equal(3, Assert.Single(fromXlsx.GetProperty("rejected").EnumerateArray()).GetProperty("row").GetInt32());
        var box = await GetAsync(owner, "/catalog/v1/products/CG-9201");
        Assert.Equal("不锈钢饭盒", box.GetProperty("title").GetProperty("zh").GetString());
        Assert.Equal(15, box.GetProperty("leadTimeDays").GetInt32());

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("GB18030").GetBytes(Header + "\r\nCG-9301,陶瓷马克杯,Ceramic Mug,Taza de cerámica,360,360:1.1,USD,义乌仓:CN:900,8,,CE\r\n");
        var fromGb = await PostFileAsync(owner, "/api/shop/import", gb);
        Assert.Equal(1, fromGb.GetProperty("inserted").GetInt32());
        var mug = await GetAsync(owner, "/catalog/v1/products/CG-9301");
        Assert.Equal("陶瓷马克杯", mug.GetProperty("title").GetProperty("zh").GetString());
        Assert.Equal("Taza de cerámica", mug.GetProperty("title").GetProperty("es").GetString());
    }

    [Fact]
    public async Task TenMegabyteCsv_TooManyRows_NotASheet_RefusedInChinese_NothingSaved()
    {
        using var owner = await SignInAsync("chenguang", "pass-a");
        var big = new StringBuilder(Header + "\r\n");
        for (var i = 0; big.Length < 10 * 1024 * 1024; i++)
        {
            big.Append(System.Globalization.CultureInfo.InvariantCulture, $"BIG-{i},大批量商品{i},Bulk item {i},,100,100:1.5,USD,义乌仓:CN:100,7,,\r\n");
        }

        using var tooBig = await owner.PostAsync("/api/shop/import", Bytes(Encoding.UTF8.GetBytes(big.ToString()), "text/csv"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("文件太大了：一次最多 5 MB", await tooBig.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/catalog/v1/products/BIG-0")).StatusCode);

        var many = string.Join("\r\n", new[] { Header }.Concat(Enumerable.Range(0, 2500).Select(i => $"MANY-{i},商品{i},Item {i},,100,100:1.5,USD,,,,")));
        using var tooMany = await owner.PostAsync("/api/shop/import", Bytes(Encoding.UTF8.GetBytes(many), "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("一次最多导入 2000 行", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/catalog/v1/products/MANY-0")).StatusCode);

        using var noId = await owner.PostAsync("/api/shop/import", Bytes(Encoding.UTF8.GetBytes("名称,价格\r\n杯子,1\r\n"), "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
        Assert.Contains("要有“编号”一列", await noId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var brokenZip = await owner.PostAsync("/api/shop/import", Bytes([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6], "application/octet-stream"));
        Assert.Equal(HttpStatusCode.BadRequest, brokenZip.StatusCode);
        Assert.Contains("读不了这个 Excel 文件", await brokenZip.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The template downloads with the headers this import reads.
        var template = await owner.GetByteArrayAsync("/api/shop/import/template.csv");
        var checkedTemplate = await PostFileAsync(owner, "/api/shop/import/preview", template);
        Assert.Empty(checkedTemplate.GetProperty("rejected").EnumerateArray());
        Assert.Empty(checkedTemplate.GetProperty("ignoredColumns").EnumerateArray());
    }

    private static Dictionary<string, object> Flask(string id, int moq) => new()
    {
        ["title"] = new Dictionary<string, string> { ["zh"] = "不锈钢保温杯 600ml", ["en"] = "Steel Vacuum Flask 600ml", ["es"] = "Termo de acero 600ml" },
        ["moq"] = moq,
        ["priceTiers"] = new[] { new { minQty = Math.Max(1, moq), unitPrice = 2.10m, currency = "USD" }, new { minQty = 1000 + moq, unitPrice = 1.85m, currency = "USD" } },
        ["stock"] = new[] { new { warehouse = "义乌仓", country = "CN", qty = 8000 } },
        ["variants"] = new[] { new { sku = id + "-BLK", options = new { color = new { zh = "黑色", en = "Black" } } } },
        ["leadTimeDays"] = 10,
    };

    private static string? ShopName(JsonElement product) => product.GetProperty("shop").GetProperty("name").GetProperty("zh").GetString();

    private static ByteArrayContent Bytes(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private static async Task<JsonElement> PostFileAsync(HttpClient client, string path, byte[] file)
    {
        using var response = await client.PostAsync(path, Bytes(file, "application/octet-stream"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, path + ": " + body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<HttpClient> SignInAsync(string name, string password)
    {
        var client = _factory.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = false });
        using var response = await client.PostAsJsonAsync("/api/account/signin", new { name, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }
}
