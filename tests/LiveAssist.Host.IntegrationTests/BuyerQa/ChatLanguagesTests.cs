using System.Net.Http.Json;
using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests.BuyerQa;

/// <summary>Every caption language of a live is answered in the buyer chat or declined when the live is created: no silent English.</summary>
public sealed class ChatLanguagesTests
{
    [Fact]
    public async Task GermanAnswered_ThaiDeclinedAtCreation_AndAThaiBuyerIsToldOnce()
    {
        await using var host = QaHost.Start();
        using var created = await host.Client.PostAsJsonAsync("/api/sessions", new { title = "languages", targetLanguages = new[] { "en", "de", "th" } });
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        var chat = session.GetProperty("chat");
        Assert.Equal("answered", chat.GetProperty("de").GetString());
        Assert.StartsWith("declined", chat.GetProperty("th").GetString(), StringComparison.Ordinal);

        var id = session.GetProperty("id").GetString()!;
        var german = Assert.Single(await host.AskAsync("Was ist die Mindestbestellmenge für YW-100234?", "en-US", id, "de-1", channel: "msteams"));
        Assert.True(LocaleFile.IsVariation("de", "qa.moq", german.GetProperty("text").GetString()), german.GetRawText());

        var thai = await host.AskAsync("ราคา price YW-100234", null, id, "th-1");
        Assert.True(LocaleFile.IsVariation("en", "languageFallback", thai[0].GetProperty("text").GetString()), thai[0].GetRawText());
        Assert.True(LocaleFile.IsVariation("en", "qa.priceTiers", thai[1].GetProperty("text").GetString()), thai[1].GetRawText());
        var again = await host.AskAsync("ขั้นต่ำ MOQ YW-100234", null, id, "th-1");
        Assert.DoesNotContain(again, a => LocaleFile.IsVariation("en", "languageFallback", a.GetProperty("text").GetString()));
    }
}
