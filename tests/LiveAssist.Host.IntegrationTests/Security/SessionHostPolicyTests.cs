using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveAssist.Sessions.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>
/// Every <c>/api/sessions/{id}</c> endpoint the app maps, read from its endpoint data source: each is either behind
/// the session-host policy (refuses no key and a wrong key with 401, another merchant with 403, takes the key and the
/// owner's sign-in) or on the short list of public ones below. A new endpoint mapped without the policy fails here.
/// </summary>
public sealed partial class SessionHostPolicyTests : IAsyncLifetime
{
    // Public on purpose: the overlay, the OBS avatar page and buyers have the live's link, not its key.
    private static readonly HashSet<string> PublicEndpoints =
    [
        "GET /api/sessions/{id}/", // the live as the overlay and buyers see it
        "GET /api/sessions/{id}/captions/status",
        "GET /api/sessions/{id}/captions/stream", // ?view=host checks the key in the stream itself
        "GET /api/sessions/{id}/captions.{format}",
        "GET /api/sessions/{id}/speech/{seq:long}",
        "GET /api/sessions/{id}/speech/{seq:long}/audio",
        "GET /api/sessions/{id}/speech.json",
        "GET /api/sessions/{id}/presenter/",
        "POST /api/sessions/{id}/presenter/avatar-session",
        "GET /api/sessions/{id}/chat-qr.png",
        "POST /api/sessions/{id}/host-key", // the owner's sign-in only, checked by the handler (the key does not reveal itself)
    ];

    private LiveAssistFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new LiveAssistFactory(StudioAccounts.Settings(("chenguang", "pass-a", "merchant", null), ("hengda", "pass-b", "merchant", null)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task EverySessionEndpoint_IsHostOnlyOrListedPublic_AndHostOnesTakeKeyOrOwnerOnly()
    {
        using var owner = await SignInAsync("chenguang", "pass-a");
        using var other = await SignInAsync("hengda", "pass-b");
        using var anonymous = _factory.CreateClient();
        using var created = await owner.PostAsJsonAsync("/api/sessions", new { title = "晨光", targetLanguages = new[] { "en" } });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        var key = body.GetProperty("hostKey").GetString()!;

        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/sessions/{id}", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!, Endpoint: e)))
            .ToList();
        var hostOnly = endpoints.Where(e => e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == StudioPolicies.SessionHost)).ToList();
        var unguarded = endpoints.Except(hostOnly).Select(e => $"{e.Method} {e.Pattern}").Where(e => !PublicEndpoints.Contains(e)).ToList();
        Assert.True(unguarded.Count == 0, "Mapped without StudioPolicies.SessionHost and not listed public: " + string.Join("; ", unguarded));
        Assert.True(hostOnly.Count >= 15, "host-only endpoints found: " + string.Join("; ", hostOnly.Select(e => $"{e.Method} {e.Pattern}")));

        // Ending the live last: the others are tried on a live one.
        foreach (var (method, pattern, _) in hostOnly.OrderBy(e => e.Pattern.EndsWith("/end", StringComparison.Ordinal)))
        {
            var name = $"{method} {pattern}";
            var path = Url(pattern, id);
            var noKey = await SendAsync(anonymous, method, path, hostKey: null);
            Assert.True(noKey.Status == HttpStatusCode.Unauthorized && noKey.Body.Contains("需要主播密钥或登录", StringComparison.Ordinal), $"{name} without a key: {noKey.Status} {noKey.Body}");
            var wrongKey = await SendAsync(anonymous, method, path, hostKey: "not-the-key");
            Assert.True(wrongKey.Status == HttpStatusCode.Unauthorized, $"{name} with a wrong key: {wrongKey.Status}");
            var otherMerchant = await SendAsync(other, method, path, hostKey: null);
            Assert.True(otherMerchant.Status == HttpStatusCode.Forbidden && otherMerchant.Body.Contains("另一个商家账号", StringComparison.Ordinal), $"{name} by another merchant: {otherMerchant.Status}");
            var unknown = await SendAsync(anonymous, method, Url(pattern, "no-such-live"), hostKey: key);
            Assert.True(unknown.Status == HttpStatusCode.NotFound && unknown.Body.Contains("找不到这场直播", StringComparison.Ordinal), $"{name} for an unknown live: {unknown.Status}");
            AssertAdmitted(name + " with the key", await SendAsync(anonymous, method, path, hostKey: key));
            AssertAdmitted(name + " by the owner", await SendAsync(owner, method, path, hostKey: null));
        }
    }

    // Past the policy: whatever the endpoint itself answers to a dummy body, not a refusal of the caller.
    private static void AssertAdmitted(string name, (HttpStatusCode Status, string Body) answer)
        => Assert.True(answer.Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && !answer.Body.Contains("找不到这场直播", StringComparison.Ordinal),
            $"{name}: {answer.Status} {answer.Body}");

    private static string Url(string pattern, string id) => RouteParameter().Replace(pattern.Replace("{id}", id, StringComparison.Ordinal), "1");

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, string method, string path, string? hostKey)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(new { });
        }

        if (hostKey is not null)
        {
            request.Headers.Add("X-Host-Key", hostKey);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> SignInAsync(string name, string password)
    {
        var client = _factory.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = false });
        using var response = await client.PostAsJsonAsync("/api/account/signin", new { name, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
