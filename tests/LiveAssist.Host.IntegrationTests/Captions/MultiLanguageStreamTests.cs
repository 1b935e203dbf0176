using System.Net;
using System.Net.Http.Json;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>
/// <c>captions/stream?lang=en,es,ar</c>: the console's one connection for every language (a browser opens at most six per
/// server). Each event keeps its language, each language keeps its own place, and a resumed stream loses no language.
/// </summary>
public sealed class MultiLanguageStreamTests
{
    private static readonly string[] Asked = ["en", "es", "ar"];
    private static readonly string[] Lines = ["大家好，欢迎来到我们的直播间", "这款一块八毛五一个，五百个起批。", "这款是我们的爆款"];

    [Fact]
    public async Task OneStream_ThreeLanguages_EveryLineInEachAskedLanguageOnlyInOrder_ResumeLosesNothing()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "es", "ar", "fr"]);
        await using var stream = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en,es,ar");

        var seqs = new List<long>();
        foreach (var line in Lines)
        {
            seqs.Add(await CaptionSessions.SayAsync(client, id, key, line, final: true));
        }

        await stream.WaitUntilAsync(r => r.Captions("final").Count >= Lines.Length * Asked.Length, "every line in three languages");
        var finals = stream.Captions("final");
        Assert.Equal(Lines.Length * Asked.Length, finals.Count);
        foreach (var lang in Asked)
        {
            var mine = finals.Where(c => c.GetProperty("lang").GetString() == lang).ToList();
            Assert.Equal(seqs, mine.Select(c => c.GetProperty("seq").GetInt64()));
            Assert.Equal(Lines, mine.Select(c => c.GetProperty("sourceText").GetString()));
        }

        Assert.DoesNotContain(finals, c => c.GetProperty("lang").GetString() == "fr"); // not asked for
        Assert.Contains(finals, c => c.GetProperty("lang").GetString() == "ar" && c.GetProperty("dir").GetString() == "rtl");
        Assert.Contains(finals, c => c.GetProperty("lang").GetString() == "es" && c.GetProperty("text").GetString()!.Contains("bienvenidos", StringComparison.OrdinalIgnoreCase));

        // Reconnecting with the last id: the last line again in every language (a cut may have fallen between two of them), nothing older.
        var lastId = stream.Events.Last(e => e.Id is not null).Id;
        await using var resumed = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=ar,en,es", lastId);
        await resumed.WaitUntilAsync(r => r.Captions("final").Count >= Asked.Length, "the last line again in three languages");
        var again = resumed.Captions("final");
        Assert.All(again, c => Assert.Equal(seqs[^1], c.GetProperty("seq").GetInt64()));
        Assert.Equal(["ar", "en", "es"], again.Select(c => c.GetProperty("lang").GetString()));

        // A new line reaches the resumed stream once per language.
        var fourth = await CaptionSessions.SayAsync(client, id, key, "可以", final: true);
        await resumed.WaitUntilAsync(r => r.Captions("final").Count(c => c.GetProperty("seq").GetInt64() == fourth) == Asked.Length, "the new line in three languages");
        await Task.Delay(300);
        Assert.Equal(Asked.Length, resumed.Captions("final").Count(c => c.GetProperty("seq").GetInt64() == fourth));
    }

    [Fact]
    public async Task OneStream_ProductOnScreen_CardInEachLanguage_ConsoleViewNeedsTheKey_UnknownLanguage400()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "es"]);
        await using var console = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?view=host&lang=zh,en,es", hostKey: key);
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/product") { Content = JsonContent.Create(new { productId = BuyerQa.SampleCatalog.FirstId }) })
        {
            put.Headers.Add("X-Host-Key", key);
            (await client.SendAsync(put)).EnsureSuccessStatusCode();
        }

        await console.WaitUntilAsync(r => r.Events.Count(e => e.Name == "product") >= 3, "the product card in zh, en and es");
        var cards = console.Events.Where(e => e.Name == "product").Select(e => e.Data).ToList();
        Assert.Equal(["en", "es", "zh"], cards.Select(c => c.GetProperty("lang").GetString()).Distinct().Order());
        Assert.All(cards, c => Assert.Equal(BuyerQa.SampleCatalog.FirstId, c.GetProperty("productId").GetString()));

        // The console's view of drafts and notes still needs the host key; a language the live does not caption is refused.
        using var noKey = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/captions/stream?view=host&lang=en,es");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(noKey, HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        using var unknown = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/captions/stream?lang=en,de");
        using var refused = await client.SendAsync(unknown, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("en, es", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
