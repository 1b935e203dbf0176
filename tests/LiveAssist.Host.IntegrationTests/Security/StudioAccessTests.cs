using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>
/// The studio's one sign-in on the session API: a merchant runs their own lives without the host key, another
/// merchant is refused in Chinese, the host key keeps working for the console and OBS tools, a sign-in cookie
/// from another port cannot end a live, and a viewer's sign-in runs no live.
/// </summary>
public sealed class StudioAccessTests : IAsyncLifetime
{
    private LiveAssistFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new LiveAssistFactory(StudioAccounts.Settings(
            ("chenguang", "pass-a", "merchant", "S-88123"), ("hengda", "pass-b", "merchant", null), ("looker", "pass-c", "viewer", null)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task SessionCalls_OwnersSignInOrHostKey_AnotherMerchantRefusedInChinese()
    {
        using var owner = await SignInAsync("chenguang", "pass-a");
        using var other = await SignInAsync("hengda", "pass-b");
        using var created = await owner.PostAsJsonAsync("/api/sessions", new { title = "晨光", targetLanguages = new[] { "en" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();
        Assert.Equal("S-88123", body.GetProperty("shopId").GetString()); // the account's shop by default

        // The owner needs no host key; the other merchant gets 403 with a Chinese reason; the key alone still works.
        using var byOwner = await owner.PostAsJsonAsync($"/api/sessions/{id}/utterances", new { text = "大家好", final = true });
        using var byOther = await other.PostAsJsonAsync($"/api/sessions/{id}/utterances", new { text = "大家好", final = true });
        using var anonymous = _factory.CreateClient();
        using var withKey = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/utterances") { Content = JsonContent.Create(new { text = "欢迎", final = true }) };
        withKey.Headers.Add("X-Host-Key", body.GetProperty("hostKey").GetString());
        using var byKey = await anonymous.SendAsync(withKey);
        using var byNobody = await anonymous.PostAsJsonAsync($"/api/sessions/{id}/utterances", new { text = "欢迎", final = true });
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Contains("另一个商家账号", await byOther.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);

        // GET /api/sessions: each merchant's own lives; the host key is revealed to the owner only.
        Assert.Equal([id], (await owner.GetFromJsonAsync<JsonElement>("/api/sessions")).EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/sessions")).GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/sessions")).StatusCode);
        using var revealed = await owner.PostAsync($"/api/sessions/{id}/host-key", null);
        Assert.Equal(body.GetProperty("hostKey").GetString(), (await revealed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hostKey").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/sessions/{id}/host-key", null)).StatusCode);
    }

    [Fact]
    public async Task EndLive_WithSignInCookieFromAnotherPort_403_LiveGoesOn()
    {
        using var owner = await SignInAsync("chenguang", "pass-a");
        using var created = await owner.PostAsJsonAsync("/api/sessions", new { title = "晨光", targetLanguages = new[] { "en" } });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/end");
        forged.Headers.Add("Origin", "http://localhost:8081");
        forged.Headers.Add("Sec-Fetch-Site", "same-site");
        using var refused = await owner.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("live", (await owner.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Viewer_RunsNoLivesBySignIn_AndAProductThatIsNotInTheCatalogSavesNothing()
    {
        // A viewer gets nothing a merchant has: no studio preparation, no list; a live it starts is owned by nobody, as with the bare API.
        using var viewer = await SignInAsync("looker", "pass-c");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/sessions/prepare", new { targetLanguages = new[] { "en" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/sessions")).StatusCode);
        using var byViewer = await viewer.PostAsJsonAsync("/api/sessions", new { title = "看看", targetLanguages = new[] { "en" } });
        var viewersLive = (await byViewer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/sessions/{viewersLive}/end", null)).StatusCode);

        using var merchant = await SignInAsync("hengda", "pass-b");
        using var unknownProduct = await merchant.PostAsJsonAsync("/api/sessions", new { title = "缺货", targetLanguages = new[] { "en" }, productIds = new[] { "YW-100234", "NO-SUCH-1" } });
        Assert.Equal(HttpStatusCode.NotFound, unknownProduct.StatusCode);
        Assert.Contains("商品库里没有 NO-SUCH-1", await unknownProduct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await merchant.GetFromJsonAsync<JsonElement>("/api/sessions")).GetArrayLength());
    }

    [Fact]
    public async Task NoAccountsConfigured_FirstStartWritesThePasswordFile_BeforeAnySignIn()
    {
        await using var bare = new LiveAssistFactory();
        using var client = bare.CreateClient();
        var me = await client.GetFromJsonAsync<JsonElement>("/api/account/me");
        var file = Path.Combine(bare.DataDirectory, "operator-password.txt");
        Assert.False(me.GetProperty("signedIn").GetBoolean());
        Assert.Equal(file, me.GetProperty("bootstrapPasswordFile").GetString());
        Assert.True(File.Exists(file));

        using var signIn = await client.PostAsJsonAsync("/api/account/signin", new { name = "admin", password = File.ReadAllText(file).Trim() });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.True((await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("canStartLives").GetBoolean());
    }

    private async Task<HttpClient> SignInAsync(string name, string password)
    {
        var client = _factory.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = false });
        using var response = await client.PostAsJsonAsync("/api/account/signin", new { name, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }
}
