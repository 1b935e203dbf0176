using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.Catalog;

/// <summary>The embedded catalog API: imports, search across languages, quotes, errors.</summary>
public sealed class CatalogApiTests : IAsyncLifetime
{
    private const string ApiKey = "catalog-test-key-0123456789abcdef";
    private LiveAssistFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["Catalog:ApiKey"] = ApiKey,
            ["Catalog:LoadSampleCatalog"] = "false",
        });
        _client = _factory.CreateClient();
        var sample = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "src", "LiveAssist.Catalog.Service", "Data", "sample-catalog.json"));
        using var import = await PutAsync(sample, ApiKey);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var result = await import.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonDocument.Parse(sample).RootElement.GetArrayLength(), result.GetProperty("inserted").GetInt32());
        Assert.Empty(result.GetProperty("rejected").EnumerateArray());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Import_SampleCatalog_AtLeast300ProductsIn10Categories()
    {
        var page = await GetAsync("/catalog/v1/products?pageSize=100");
        Assert.True(page.GetProperty("total").GetInt32() >= 300);
        var categories = new HashSet<string>();
        for (var p = 1; p <= (page.GetProperty("total").GetInt32() + 99) / 100; p++)
        {
            foreach (var item in (await GetAsync($"/catalog/v1/products?pageSize=100&page={p}")).GetProperty("items").EnumerateArray())
            {
                categories.Add(item.GetProperty("category").GetString()!);
                Assert.True(item.GetProperty("title").TryGetProperty("zh", out _));
                Assert.True(item.GetProperty("title").TryGetProperty("en", out _));
                var countries = item.GetProperty("stock").EnumerateArray().Select(s => s.GetProperty("country").GetString()).ToList();
                Assert.Contains("CN", countries);
                Assert.Contains(countries, c => c != "CN");
            }
        }

        Assert.True(categories.Count >= 10, string.Join(", ", categories));
    }

    [Fact]
    public async Task Import_BatchWithBrokenItems_GoodOnesLandBadOnesReportedByIndex()
    {
        var batch = """
            [
              { "id": "T-1", "title": { "en": "Test mug" }, "moq": 100, "priceTiers": [ { "minQty": 100, "unitPrice": 1.2, "currency": "USD" } ] },
              { "id": "T-2", "moq": 100, "priceTiers": [ { "minQty": 100, "unitPrice": 1.2, "currency": "USD" } ] },
              { "id": "T-3", "title": { "zh": "测试杯" }, "moq": 100, "priceTiers": [ { "minQty": 500, "unitPrice": 1.0, "currency": "USD" }, { "minQty": 100, "unitPrice": 1.5, "currency": "USD" } ] },
              "not a product",
              { "id": "T-5", "title": { "en": "Bad types" }, "moq": "lots", "priceTiers": [] },
              { "id": "YW-100234", "title": { "zh": "304不锈钢保温杯 500ml（新款）", "en": "304 Stainless Steel Vacuum Flask 500ml (new)" }, "moq": 400,
                "priceTiers": [ { "minQty": 400, "unitPrice": 1.80, "currency": "USD" } ], "stock": [ { "warehouse": "Yiwu", "country": "CN", "qty": 100 } ] },
              { "id": "T-1", "title": { "en": "Duplicate" }, "moq": 1, "priceTiers": [ { "minQty": 1, "unitPrice": 9, "currency": "USD" } ] },
              { "id": "../etc/passwd", "title": { "en": "x" }, "moq": 1, "priceTiers": [ { "minQty": 1, "unitPrice": 1, "currency": "USD" } ] }
            ]
            """;

        using var response = await PutAsync(batch, ApiKey);

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, result.GetProperty("inserted").GetInt32());
        Assert.Equal(1, result.GetProperty("updated").GetInt32());
        var rejected = result.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("error").GetString()!);
        Assert.Equal([1, 2, 3, 4, 6, 7], rejected.Keys.Order());
        Assert.Contains("title", rejected[1], StringComparison.Ordinal);
        Assert.Contains("increasing", rejected[2], StringComparison.Ordinal);
        Assert.Contains("not a JSON object", rejected[3], StringComparison.Ordinal);
        Assert.Contains("twice", rejected[6], StringComparison.Ordinal);
        Assert.Contains("id", rejected[7], StringComparison.Ordinal);

        Assert.Equal("Test mug", (await GetAsync("/catalog/v1/products/T-1")).GetProperty("title").GetProperty("en").GetString());
        Assert.Equal(400, (await GetAsync("/catalog/v1/products/YW-100234")).GetProperty("moq").GetInt32());
        using var missing = await _client.GetAsync("/catalog/v1/products/T-3");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", HttpStatusCode.Unauthorized)]
    public async Task Import_WithoutTheKey_Refused(string? key, HttpStatusCode expected)
    {
        using var response = await PutAsync("[]", key);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("termo", "es")]
    [InlineData("garrafa térmica", "pt")]
    [InlineData("bouteille isotherme", "fr")]
    [InlineData("термос", "ru")]
    [InlineData("ترمس", "ar")]
    [InlineData("保温杯", "zh")]
    [InlineData("vacuum flask", "en")]
    public async Task Search_AnyLanguage_FindsProductsTitledOnlyInChineseAndEnglish(string query, string language)
    {
        var page = await GetAsync("/catalog/v1/products?pageSize=5&q=" + Uri.EscapeDataString(query) + "&lang=" + language);

        var titles = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").EnumerateObject().Single().Value.GetString()!).ToList();
        Assert.NotEmpty(titles);
        Assert.All(titles.Take(3), t => Assert.True(t.Contains("Vacuum Flask", StringComparison.Ordinal) || t.Contains("保温杯", StringComparison.Ordinal), t));
    }

    [Theory]
    [InlineData("заколка для волос", "Hair Clip")]
    [InlineData("fundas iphone 16", "Phone Case iPhone 16")]
    [InlineData("فانوس رمضان", "Ramadan Lantern")]
    [InlineData("mochila", "Backpack")]
    [InlineData("YW-100234", "304 Stainless Steel Vacuum Flask 500ml")]
    public async Task Search_BestMatchFirst(string query, string expectedInTitle)
    {
        var page = await GetAsync("/catalog/v1/products?pageSize=1&q=" + Uri.EscapeDataString(query));

        Assert.Contains(expectedInTitle, page.GetProperty("items")[0].GetProperty("title").GetProperty("en").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shoe", "T-SHOES")]
    [InlineData("shoes", "T-SHOE")]
    [InlineData("plate", "T-PLATES")]
    [InlineData("llave", "T-LLAVES")]
    public async Task Search_SingularOrPlural_FindsTheProductTitledWithTheOther(string query, string expectedId)
    {
        using var import = await PutAsync("""
            [
              { "id": "T-SHOES", "title": { "en": "Zqx Canvas Shoes" }, "moq": 10, "priceTiers": [ { "minQty": 10, "unitPrice": 3, "currency": "USD" } ] },
              { "id": "T-SHOE", "title": { "en": "Zqy Rubber Shoe" }, "moq": 10, "priceTiers": [ { "minQty": 10, "unitPrice": 3, "currency": "USD" } ] },
              { "id": "T-PLATES", "title": { "en": "Zqz Paper Plates" }, "moq": 10, "priceTiers": [ { "minQty": 10, "unitPrice": 3, "currency": "USD" } ] },
              { "id": "T-LLAVES", "title": { "en": "Zqw Set", "es": "Juego de llaves Zqw" }, "moq": 10, "priceTiers": [ { "minQty": 10, "unitPrice": 3, "currency": "USD" } ] }
            ]
            """, ApiKey);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);

        var page = await GetAsync("/catalog/v1/products?pageSize=50&q=" + Uri.EscapeDataString(query));

        Assert.Contains(expectedId, page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Search_NothingMatches_EmptyPageNotError()
    {
        var page = await GetAsync("/catalog/v1/products?q=" + Uri.EscapeDataString("\"quantum OR * NEAR( teleporter"));
        Assert.Equal(0, page.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(3000, null, 1.62, 4860.00, 2000, true)]
    [InlineData(500, null, 1.85, 925.00, 500, true)]
    [InlineData(5000, null, 1.45, 7250.00, 5000, true)]
    [InlineData(120, null, 1.85, 222.00, 500, false)]
    public async Task Quote_PriceFromTheReachedTier(int qty, string? country, decimal unitPrice, decimal total, int tier, bool moqMet)
    {
        var quote = await GetAsync($"/catalog/v1/products/YW-100234/quote?qty={qty}" + (country is null ? string.Empty : "&country=" + country));

        Assert.Equal(unitPrice, quote.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(total, quote.GetProperty("total").GetDecimal());
        Assert.Equal(tier, quote.GetProperty("tierApplied").GetInt32());
        Assert.Equal(moqMet, quote.GetProperty("moqMet").GetBoolean());
    }

    [Fact]
    public async Task Quote_OverseasStockInBuyersCountry_ShipsFromThere()
    {
        var dubai = await GetAsync("/catalog/v1/products/YW-100234/quote?qty=600&country=AE");
        var brazil = await GetAsync("/catalog/v1/products/YW-100234/quote?qty=600&country=BR"); // São Paulo holds 0

        Assert.Equal("Dubai overseas warehouse", dubai.GetProperty("shipFrom").GetString());
        Assert.Equal("Yiwu", brazil.GetProperty("shipFrom").GetString());
        Assert.True(dubai.GetProperty("estimatedDeliveryDays").GetInt32() < brazil.GetProperty("estimatedDeliveryDays").GetInt32());
    }

    [Theory]
    [InlineData("/catalog/v1/products/NOPE-1", HttpStatusCode.NotFound)]
    [InlineData("/catalog/v1/products/NOPE-1/quote?qty=5", HttpStatusCode.NotFound)]
    [InlineData("/catalog/v1/products/YW-100234/quote", HttpStatusCode.BadRequest)]
    [InlineData("/catalog/v1/products/YW-100234/quote?qty=-3", HttpStatusCode.BadRequest)]
    [InlineData("/catalog/v1/products/YW-100234/quote?qty=10&country=Brazil", HttpStatusCode.BadRequest)]
    [InlineData("/catalog/v1/products/YW-100234/quote?qty=10&incoterm=CIF", (HttpStatusCode)422)]
    [InlineData("/catalog/v1/products?pageSize=1000", HttpStatusCode.BadRequest)]
    public async Task BadRequests_ProblemDetailsThatSayWhy(string path, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Product_WithLang_ReturnsThatLanguageFallingBackToEnglish()
    {
        var zh = await GetAsync("/catalog/v1/products/YW-100234?lang=zh");
        var es = await GetAsync("/catalog/v1/products/YW-100234?lang=es");

        Assert.Equal("304不锈钢保温杯 500ml", zh.GetProperty("title").GetProperty("zh").GetString());
        Assert.Equal("304 Stainless Steel Vacuum Flask 500ml", es.GetProperty("title").GetProperty("es").GetString());
        Assert.False(es.GetProperty("title").TryGetProperty("zh", out _));
    }

    [Fact]
    public async Task Categories_TreeInTheReadersLanguage()
    {
        using var response = await _client.GetAsync("/catalog/v1/categories?lang=es");
        var tree = await response.Content.ReadFromJsonAsync<JsonElement>();

        var household = tree.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "household");
        Assert.Equal("Hogar", household.GetProperty("name").GetProperty("es").GetString());
        Assert.Contains(household.GetProperty("children").EnumerateArray(), c => c.GetProperty("name").GetProperty("es").GetString() == "Vasos y termos");
    }

    [Fact]
    public async Task OpenApi_DocumentsTheCatalogAndTheUiLoadsIt()
    {
        var document = await GetAsync("/catalog/v1/openapi.json");
        using var ui = await _client.GetAsync("/catalog/v1/docs");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/catalog/v1/products", paths);
        Assert.Contains("/catalog/v1/products/{id}/quote", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/v3/directline", StringComparison.Ordinal));
        Assert.Contains("openapi.json", await ui.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> PutAsync(string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/catalog/v1/products") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return _client.SendAsync(request);
    }
}
