using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Host.IntegrationTests.BuyerQa;

/// <summary>
/// Product texts in the buyer's language: a title and warehouse the catalog has only in en/zh are translated once
/// through the configured engine (a loopback OpenAI-compatible chat model here), then kept; the merchant's own text wins.
/// </summary>
public sealed class ProductTextsTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Spanish = new()
    {
        ["304 Stainless Steel Vacuum Flask 500ml"] = "Termo de acero inoxidable 304 de 500 ml",
        ["Dubai overseas warehouse"] = "almacén de Dubái",
    };

    private readonly ConcurrentQueue<string> _asked = new();
    private LoopbackServer _model = null!;

    public async Task InitializeAsync() => _model = await LoopbackServer.StartAsync((routes, _) =>
        routes.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
            var user = body.GetProperty("messages").EnumerateArray().Last().GetProperty("content").ToString();
            _asked.Enqueue(user);
            var known = Spanish.FirstOrDefault(p => user.Contains(p.Key, StringComparison.Ordinal));
            var answer = new JsonObject { ["es"] = known.Value ?? user }.ToJsonString();
            return Results.Json(new
            {
                id = "chatcmpl-1", @object = "chat.completion", created = 1_700_000_000, model = "qwen2.5:7b",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = answer }, finish_reason = "stop" } },
            });
        }));

    public async Task DisposeAsync() => await _model.DisposeAsync();

    [Fact]
    public async Task TitleAndWarehouse_InSpanish_TranslatedOnce_AndTheMerchantsOwnTitleWins()
    {
        await using var host = QaHost.Start(new Dictionary<string, string?>
        {
            ["Translator:Engines:0"] = "openai",
            ["Translator:OpenAi:BaseUrl"] = _model.BaseUrl + "/v1",
            ["Translator:OpenAi:Model"] = "qwen2.5:7b",
            ["Catalog:ApiKey"] = "texts-import-key",
        });
        var (session, _) = await host.CreateSessionAsync("YW-100234");

        var stock = Text(await host.AskAsync("¿tienen stock en Dubái?", "es", session, "texts-1"));
        Assert.Contains("Termo de acero inoxidable 304 de 500 ml", stock, StringComparison.Ordinal);
        Assert.Contains("almacén de Dubái", stock, StringComparison.Ordinal);
        Assert.DoesNotContain("Stainless Steel", stock, StringComparison.Ordinal);

        // Asked again, in another conversation: the kept translation, no second call for the title.
        var titleCalls = _asked.Count(a => a.Contains("304 Stainless Steel Vacuum Flask 500ml", StringComparison.Ordinal));
        Assert.Contains("Termo de acero inoxidable 304 de 500 ml", Text(await host.AskAsync("¿cuál es el pedido mínimo de este?", "es", session, "texts-2")), StringComparison.Ordinal);
        Assert.Equal(titleCalls, _asked.Count(a => a.Contains("304 Stainless Steel Vacuum Flask 500ml", StringComparison.Ordinal)));

        // The merchant corrects the title by importing the product with a Spanish title of their own.
        var product = JsonNode.Parse(await host.Client.GetStringAsync("/catalog/v1/products/YW-100234"))!.AsObject();
        product["title"]!["es"] = "Termo Chenguang 500 ml";
        using var import = new HttpRequestMessage(HttpMethod.Put, "/catalog/v1/products") { Content = JsonContent.Create(new JsonArray(product)) };
        import.Headers.Add("X-Api-Key", "texts-import-key");
        (await host.Client.SendAsync(import)).EnsureSuccessStatusCode();
        Assert.Contains("Termo Chenguang 500 ml", Text(await host.AskAsync("¿cuál es el pedido mínimo de este?", "es", session, "texts-3")), StringComparison.Ordinal);
    }

    private static string Text(IReadOnlyList<JsonElement> replies) => replies[0].GetProperty("text").GetString()!;
}
