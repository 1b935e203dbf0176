using System.Net.Http.Json;
using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests;

/// <summary>
/// The host in this process but on a real loopback port, so the bot can call the embedded catalog
/// over HTTP as it does in production.
/// </summary>
public sealed class KestrelHost : IAsyncDisposable
{
    private KestrelHost(LiveAssistFactory factory)
    {
        Factory = factory;
        Client = factory.CreateClient();
    }

    public LiveAssistFactory Factory { get; }

    public HttpClient Client { get; }

    public static KestrelHost Start(IDictionary<string, string?>? settings = null)
    {
        var factory = new LiveAssistFactory(settings);
        factory.UseKestrel(0);
        factory.StartServer();
        return new KestrelHost(factory);
    }

    /// <summary>Creates a live session and returns its id and host key.</summary>
    public async Task<(string Id, string HostKey)> CreateSessionAsync(string? currentProduct = null, params string[] shownBefore)
    {
        using var created = await Client.PostAsJsonAsync("/api/sessions", new { title = "Yiwu drinkware live", targetLanguages = new[] { "en", "es", "pt", "fr", "ru", "ar" } });
        created.EnsureSuccessStatusCode();
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = session.GetProperty("id").GetString()!;
        var key = session.GetProperty("hostKey").GetString()!;
        foreach (var product in shownBefore.Append(currentProduct).OfType<string>())
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/product") { Content = JsonContent.Create(new { productId = product }) };
            request.Headers.Add("X-Host-Key", key);
            using var set = await Client.SendAsync(request);
            set.EnsureSuccessStatusCode();
        }

        return (id, key);
    }

    /// <summary>Asks the bot through <c>/api/messages</c> (local mode) and returns its replies.</summary>
    public async Task<IReadOnlyList<JsonElement>> AskAsync(string text, string? locale, string? sessionId, string conversation = "c-1", string channel = "webchat", string user = "buyer-1")
    {
        using var response = await Client.PostAsJsonAsync("/api/messages", new
        {
            type = "message",
            id = "m-" + Guid.NewGuid().ToString("N")[..8],
            channelId = channel,
            serviceUrl = "http://127.0.0.1:9/",
            text,
            locale,
            from = new { id = user },
            recipient = new { id = "bot" },
            conversation = new { id = conversation },
            deliveryMode = "expectReplies",
            channelData = sessionId is null ? null : new { sessionId },
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("activities").EnumerateArray().Select(a => a.Clone())];
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
