using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.BuyerQa;

namespace LiveAssist.Host.IntegrationTests.Review;

/// <summary>The bot's own answers are reviewed as the host's captions are: a catalog text a buyer's market bans never reaches that buyer.</summary>
public sealed class BotReplyReviewTests
{
    private const string ApiKey = "review-import-key";

    [Fact]
    public async Task CatalogTitleClaimingMadeInUsa_EnglishBuyerNeverGetsTheClaim_TheLiveRecordShowsIt()
    {
        await using var host = QaHost.Start(new Dictionary<string, string?> { ["Catalog:ApiKey"] = ApiKey });
        await ImportAsync(host, "YW-999101", "Made in USA steel flask. 500 ml, keeps drinks hot for 12 hours.");
        var (session, key) = await host.CreateSessionAsync("YW-999101");

        var english = await host.AskAsync("MOQ?", "en", session, conversation: "review-en", channel: "directline");

        var shown = string.Join("\n", english.Select(Texts));
        Assert.Contains("500 ml", shown, StringComparison.Ordinal); // the rest of the title is still there
        Assert.False(shown.Contains("Made in USA", StringComparison.OrdinalIgnoreCase), shown);

        using var response = await host.HostSendAsync(HttpMethod.Get, $"/api/sessions/{session}/review", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var reply = Assert.Single(review.GetProperty("replies").EnumerateArray());
        Assert.Equal("bot", reply.GetProperty("source").GetString());
        Assert.Equal("en", reply.GetProperty("lang").GetString());
        Assert.Contains(reply.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "us-made-in-usa");
        Assert.Contains("Made in USA", reply.GetProperty("said").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("Made in USA", reply.GetProperty("sent").GetString()!, StringComparison.Ordinal);

        using var csv = await host.HostSendAsync(HttpMethod.Get, $"/api/sessions/{session}/review?format=csv", key);
        Assert.Contains("机器人回复", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpanishBuyer_GenericGreenClaimInTheTitle_IsSentButRecordedAsAWarning()
    {
        await using var host = QaHost.Start(new Dictionary<string, string?> { ["Catalog:ApiKey"] = ApiKey });
        await ImportAsync(host, "YW-999102", "Steel flask, 500 ml", es: "Termo ecológico de acero, 500 ml");
        var (session, key) = await host.CreateSessionAsync("YW-999102");

        var spanish = await host.AskAsync("¿Cuál es el pedido mínimo?", "es", session, conversation: "review-es", channel: "directline");

        Assert.Contains("ecológico", string.Join("\n", spanish.Select(Texts)), StringComparison.Ordinal); // a warning changes nothing the buyer reads
        using var response = await host.HostSendAsync(HttpMethod.Get, $"/api/sessions/{session}/review", key);
        var reply = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("replies").EnumerateArray());
        Assert.NotEmpty(reply.GetProperty("findings").EnumerateArray()); // the title is in the text and on the card
        Assert.All(reply.GetProperty("findings").EnumerateArray(), finding =>
            Assert.Equal(("eu-green", "warn", "es"), (finding.GetProperty("rule").GetString(), finding.GetProperty("severity").GetString(), finding.GetProperty("lang").GetString())));
    }

    private static async Task ImportAsync(QaHost host, string id, string title, string? es = null)
    {
        var product = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await host.Client.GetStringAsync("/catalog/v1/products/YW-100234"))!;
        product["id"] = JsonSerializer.SerializeToElement(id);
        product["title"] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["en"] = title, ["zh"] = "不锈钢保温壶 500毫升", ["es"] = es ?? title });
        using var import = new HttpRequestMessage(HttpMethod.Put, "/catalog/v1/products")
        {
            Content = new StringContent(JsonSerializer.Serialize(new[] { product }), Encoding.UTF8, "application/json"),
        };
        import.Headers.Add("X-Api-Key", ApiKey);
        using var imported = await host.Client.SendAsync(import);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
    }

    // Everything a buyer reads in a reply: its text and every text of its cards.
    private static string Texts(JsonElement reply)
    {
        var all = new StringBuilder(reply.TryGetProperty("text", out var text) ? text.GetString() : null);
        if (reply.TryGetProperty("attachments", out var attachments))
        {
            foreach (var attachment in attachments.EnumerateArray())
            {
                all.Append('\n').Append(attachment.GetRawText());
            }
        }

        return all.ToString();
    }
}
