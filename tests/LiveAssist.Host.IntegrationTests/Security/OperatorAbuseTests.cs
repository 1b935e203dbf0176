using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveAssist.Operator.Accounts;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>Issue 15 findings 3 (quadratic templates) and 14 (logout revokes the cookie).</summary>
public sealed class OperatorAbuseTests : IAsyncLifetime
{
    private const string Password = "viewer-pass-1";
    private static readonly string Hash = PasswordHash.Create(Password);
    private LiveAssistFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["Operator:Accounts:0:Name"] = "li",
            ["Operator:Accounts:0:PasswordHash"] = Hash,
            ["Operator:Accounts:0:Role"] = "viewer",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Validate_DeeplyNestedPluralTemplate_ReportedAsAProblem()
    {
        using var viewer = await SignInAsync();
        var template = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            template.Append("{n, plural, other {");
        }

        template.Append('#');
        template.Append(new string('}', 80));
        var file = JsonSerializer.Serialize(new Dictionary<string, string> { ["qa.greeting"] = template.ToString() });

        using var response = await viewer.PostAsJsonAsync("/operator/api/validate", new { path = "locales/en/custom.json", text = file });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Contains(body.GetProperty("problems").EnumerateArray(), p => p.GetProperty("message").GetString()!.Contains("nested", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_OverlongText_ReportedAsAProblem()
    {
        using var viewer = await SignInAsync();
        var file = JsonSerializer.Serialize(new Dictionary<string, string> { ["qa.greeting"] = new string('x', 5000) });

        using var response = await viewer.PostAsJsonAsync("/operator/api/validate", new { path = "locales/en/custom.json", text = file });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Contains(body.GetProperty("problems").EnumerateArray(), p => p.GetProperty("message").GetString()!.Contains("at most", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logout_CopiedCookie_NoLongerSignsIn()
    {
        using var viewer = _factory.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });
        using var login = await viewer.PostAsJsonAsync("/operator/login", new { name = "li", password = Password });
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("liveassist.operator=", StringComparison.Ordinal)).Split(';')[0];

        using var before = await SendWithCookieAsync(viewer, HttpMethod.Get, "/operator/api/me", cookie);
        using var logout = await SendWithCookieAsync(viewer, HttpMethod.Post, "/operator/logout", cookie);
        using var after = await SendWithCookieAsync(viewer, HttpMethod.Get, "/operator/api/me", cookie);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private static Task<HttpResponseMessage> SendWithCookieAsync(HttpClient client, HttpMethod method, string path, string cookie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    private async Task<HttpClient> SignInAsync()
    {
        var client = _factory.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = false });
        using var response = await client.PostAsJsonAsync("/operator/login", new { name = "li", password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }
}
