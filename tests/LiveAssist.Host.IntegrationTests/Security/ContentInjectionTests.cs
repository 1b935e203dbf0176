using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveAssist.Host.IntegrationTests.BuyerQa;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Host.IntegrationTests.Presenter;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>Issue 15 findings 7 (noncharacters in captions) and 9 (catalog markup in the Web Chat card).</summary>
public sealed partial class ContentInjectionTests
{
    private const string ApiKey = "import-key-0123456789";

    [GeneratedRegex(@"(?<!\\)(<|\]\(|!\[)")]
    private static partial Regex UnescapedMarkup();

    [Fact]
    public async Task Caption_WithNoncharacters_SpeechLineAndTimelineStillServed()
    {
        await using var factory = new LiveAssistFactory();
        using var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);

        var seq = await CaptionSessions.SayAsync(client, id, key, "\uFFFE大家好\uFFFF，这个\uFDD0保温杯\u0007五块钱", final: true);
        var line = await PresenterLines.GetAsync(client, id, seq, "en");
        using var timeline = await client.GetAsync($"/api/sessions/{id}/speech.json?lang=en");
        var captions = await client.GetStringAsync($"/api/sessions/{id}/captions.json?lang=en");

        Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
        Assert.DoesNotContain('\uFFFE', line.GetProperty("ssml").GetString()!);
        Assert.DoesNotContain("\\uFFFE", captions, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\\uFFFF", captions, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ProductCard_CatalogTitleWithHtmlAndMarkdown_ShownAsPlainText()
    {
        await using var host = QaHost.Start(new Dictionary<string, string?> { ["Catalog:ApiKey"] = ApiKey });
        var product = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await host.Client.GetStringAsync("/catalog/v1/products/YW-100234"))!;
        var title = "Flask <img src=\"http://127.0.0.1:1/pixel.gif\"> [Pay here](http://evil.example/pay) ![p](http://127.0.0.1:1/p.gif)";
        product["id"] = JsonSerializer.SerializeToElement("YW-999001");
        product["title"] = JsonSerializer.SerializeToElement(new { en = title, zh = title });
        product["stock"] = JsonSerializer.SerializeToElement(new[] { new { warehouse = "[Yiwu](http://evil.example)", country = "CN", qty = 900 } });
        using var import = new HttpRequestMessage(HttpMethod.Put, "/catalog/v1/products")
        {
            Content = new StringContent(JsonSerializer.Serialize(new[] { product }), Encoding.UTF8, "application/json"),
        };
        import.Headers.Add("X-Api-Key", ApiKey);
        using var imported = await host.Client.SendAsync(import);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var (session, _) = await host.CreateSessionAsync("YW-999001");

        var reply = Assert.Single(await host.AskAsync("MOQ?", "en", session, conversation: "markup", channel: "directline"));

        var card = reply.GetProperty("attachments")[0].GetProperty("content");
        var texts = card.GetProperty("body").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "TextBlock").Select(b => b.GetProperty("text").GetString()!)
            .Concat(card.GetProperty("body").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "FactSet")
                .SelectMany(f => f.GetProperty("facts").EnumerateArray()).SelectMany(f => new[] { f.GetProperty("title").GetString()!, f.GetProperty("value").GetString()! }))
            .ToList();
        Assert.Contains(texts, t => t.Contains("Pay here", StringComparison.Ordinal)); // the words are still there, to read
        Assert.All(texts, t => Assert.False(UnescapedMarkup().IsMatch(t), $"markup would render: {t}"));
        Assert.Equal("plain", reply.GetProperty("textFormat").GetString());
    }
}
