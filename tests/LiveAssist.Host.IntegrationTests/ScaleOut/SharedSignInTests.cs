using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>
/// A merchant signed in to the studio through one host is signed in on every host behind the load balancer (one key ring
/// and one sign-in record in Redis): the live they start on A, they run and reveal its host key on B; signing out on B
/// ends the sign-in on A too.
/// </summary>
public sealed class SharedSignInTests : RedisHostsTest
{
    [RedisFact]
    public async Task AMerchantSignedInOnOneHost_IsSignedInOnAnother_AndSigningOutEndsItOnBoth()
    {
        var a = await StartHostAsync(Accounts());
        var b = await StartHostAsync(Accounts());
        using var onA = new HttpClient { BaseAddress = new Uri(a.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var onB = new HttpClient { BaseAddress = new Uri(b.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

        using var signIn = await onA.PostAsJsonAsync("/api/account/signin", new { name = "chenguang", password = "pass-a-123" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        // The live is started on A; on B the same cookie lists it, runs it without a host key and reveals the key.
        using var created = await SendAsync(onA, HttpMethod.Post, "/api/sessions", cookie, new { title = "晨光", targetLanguages = new[] { "en" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var live = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = live.GetProperty("id").GetString()!;

        using (var mine = await SendAsync(onB, HttpMethod.Get, "/api/sessions", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            Assert.Equal([id], (await mine.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        }

        using (var said = await SendAsync(onB, HttpMethod.Post, $"/api/sessions/{id}/utterances", cookie, new { text = "大家好", final = true }))
        {
            Assert.Equal(HttpStatusCode.OK, said.StatusCode);
        }

        using (var revealed = await SendAsync(onB, HttpMethod.Post, $"/api/sessions/{id}/host-key", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
            Assert.Equal(live.GetProperty("hostKey").GetString(), (await revealed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hostKey").GetString());
        }

        // Signing out on B ends the sign-in everywhere: A refuses the copy of the cookie.
        using (var signOut = await SendAsync(onB, HttpMethod.Post, "/api/account/signout", cookie))
        {
            Assert.True(signOut.IsSuccessStatusCode, signOut.StatusCode.ToString());
        }

        using var afterOnA = await SendAsync(onA, HttpMethod.Get, "/api/sessions", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, afterOnA.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string cookie, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    // The same accounts on every host, as configuration.
    private static Dictionary<string, string> Accounts()
        => StudioAccounts.Settings(("chenguang", "pass-a-123", "merchant", "S-88123"))
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
}
