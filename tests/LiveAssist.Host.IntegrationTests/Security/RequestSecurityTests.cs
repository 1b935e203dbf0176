using System.Net;
using System.Net.Http.Json;
using System.Text;
using LiveAssist.Operator.Accounts;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>Issue 15 findings 8 (CSRF, framing, headers), 10 (sign-in guessing) and 16 (bad requests are 4xx, headers on every page).</summary>
public sealed class RequestSecurityTests : IAsyncLifetime
{
    private const string Password = "editor-pass-1";
    private static readonly string Hash = PasswordHash.Create(Password);
    private LiveAssistFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["Operator:Accounts:0:Name"] = "mei",
            ["Operator:Accounts:0:PasswordHash"] = Hash,
            ["Operator:Accounts:0:Role"] = "editor",
            ["RateLimits:SignInPermitsPerMinute"] = "5",
            ["RateLimits:ChatTokenPermitsPerMinute"] = "3",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task OperatorRollback_FormPostFromAnotherPort_403_SameOriginPasses()
    {
        var editor = await SignInAsync();

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/operator/api/history/1/rollback")
        {
            Content = new FormUrlEncodedContent([]),
        };
        forged.Headers.Add("Origin", "http://localhost:8081");
        forged.Headers.Add("Sec-Fetch-Site", "same-site");
        using var refused = await editor.SendAsync(forged);

        using var own = new HttpRequestMessage(HttpMethod.Post, "/operator/api/history/1/rollback");
        own.Headers.Add("Origin", "http://localhost");
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var allowed = await editor.SendAsync(own);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Cross-origin", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.StatusCode); // 404: no such history entry, but it got through
    }

    [Fact]
    public async Task OperatorLogin_FromAnotherOrigin_403()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/operator/login") { Content = JsonContent.Create(new { name = "mei", password = Password }) };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/operator")]
    [InlineData("/host/s1")]
    [InlineData("/operator.js")]
    [InlineData("/healthz")]
    [InlineData("/catalog/v1/docs")]
    public async Task Pages_NotMeantToBeEmbedded_RefuseFramingAndSniffing(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/chat?session=s1&lang=es")]
    [InlineData("/overlay/s1?lang=en")]
    [InlineData("/avatar/s1?lang=en")]
    public async Task Pages_MadeToBeEmbedded_FrameAncestorsFromOptions(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.Equal("frame-ancestors *", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task SignIn_GuessingOverBudget_429_AndBuyersDoNotSpendIt()
    {
        using var client = _factory.CreateClient();

        // Buyers behind the same address use up their own bucket, not the merchant's sign-in.
        for (var i = 0; i < 5; i++)
        {
            using var token = await client.PostAsync("/chat/token?lang=en", null);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await client.PostAsJsonAsync("/operator/login", new { name = "mei", password = i < 4 ? "guess" + i : Password });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("/api/sessions", "{\"title\": ")]
    [InlineData("/api/sessions", "[1,2")]
    [InlineData("/operator/login", "{\"name\": 5")]
    public async Task TypedBody_Malformed_400NotServerError(string path, string body)
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<HttpClient> SignInAsync()
    {
        var client = _factory.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = false });
        using var response = await client.PostAsJsonAsync("/operator/login", new { name = "mei", password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }
}
