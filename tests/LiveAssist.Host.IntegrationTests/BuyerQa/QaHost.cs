using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.BuyerQa;

/// <summary>The host in memory with helpers to run a live session and ask the bot as a buyer would.</summary>
public sealed class QaHost : IAsyncDisposable
{
    private QaHost(LiveAssistFactory factory)
    {
        Factory = factory;
        Client = factory.CreateClient();
    }

    public LiveAssistFactory Factory { get; }

    public HttpClient Client { get; }

    public static QaHost Start(IDictionary<string, string?>? settings = null) => new(new LiveAssistFactory(settings));

    /// <summary>Sends with the session's host key, as the host console does.</summary>
    public async Task<HttpResponseMessage> HostSendAsync(HttpMethod method, string path, string hostKey, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Host-Key", hostKey);
        return await Client.SendAsync(request);
    }

    /// <summary>The merchant's queue of handed-over questions.</summary>
    public async Task<IReadOnlyList<JsonElement>> QuestionsAsync(string sessionId, string hostKey)
    {
        using var response = await HostSendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}/questions", hostKey);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(e => e.Clone())];
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
            using var set = await HostSendAsync(HttpMethod.Put, $"/api/sessions/{id}/product", key, new { productId = product });
            set.EnsureSuccessStatusCode();
        }

        return (id, key);
    }

    /// <summary>Asks the bot through <c>/api/messages</c> (local mode) and returns its replies.</summary>
    public Task<IReadOnlyList<JsonElement>> AskAsync(string text, string? locale, string? sessionId, string conversation = "c-1", string channel = "webchat", string user = "buyer-1", object? value = null)
        => LocalBot.AskAsync(Client, text, locale, conversation, user, channel, sessionId, value);

    /// <summary>Waits until the catalog has read the installed FreeDict dictionaries (it does so in the background after start).</summary>
    public async Task WaitForDictionariesAsync()
    {
        // The big German dictionary is read once a German word is searched: ask one, then wait for all of them.
        await Client.GetStringAsync("/catalog/v1/products?q=Kinder&lang=de&pageSize=1");
        var ready = await Poll.UntilAsync(async () =>
        {
            var status = await Client.GetFromJsonAsync<JsonElement>("/catalog/v1/status");
            return status.GetProperty("dictionaries").EnumerateObject().All(d => d.Value.GetString() is { } s && (s.StartsWith("ready", StringComparison.Ordinal) || s == "not installed"));
        }, TimeSpan.FromSeconds(90));
        Assert.True(ready, "the catalog's dictionaries did not finish loading");
    }

    /// <summary>The product ids a "which one do you mean?" card offers, in order; empty for any other reply.</summary>
    public static IReadOnlyList<string> OfferedChoices(JsonElement reply)
        => reply.TryGetProperty("attachments", out var attachments)
            ? [.. attachments.EnumerateArray().SelectMany(a => a.GetProperty("content").TryGetProperty("actions", out var actions) ? actions.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Where(a => a.TryGetProperty("data", out var d) && d.TryGetProperty("action", out var n) && n.GetString() == "chooseProduct")
                .Select(a => a.GetProperty("data").GetProperty("productId").GetString()!)]
            : [];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
