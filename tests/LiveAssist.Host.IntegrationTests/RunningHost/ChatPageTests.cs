using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>The /chat page in Debian's Chromium: the stock Web Chat, talking to the embedded Direct Line.</summary>
[Collection(RunningHostCollection.Name)]
public sealed class ChatPageTests(RunningHostFixture fixture) : ChromiumTest
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task Chat_TypeMessage_BotReplyRendered(string transport)
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"{fixture.Host.BaseUrl}/chat?lang=en&transport={transport}");

        var welcome = page.Locator(".webchat__bubble__content").First;
        await Assertions.Expect(welcome).ToBeVisibleAsync(new() { Timeout = 15000 });
        Assert.True(LocaleFile.IsVariation("en", "welcome", (await welcome.InnerTextAsync()).Trim()));

        var input = page.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync("hello");
        await input.PressAsync("Enter");

        var expected = LocaleFile.Variations("en", "greetingReply").Single();
        await Assertions.Expect(page.Locator(".webchat__bubble__content", new() { HasText = expected })).ToBeVisibleAsync(new() { Timeout = 15000 });
        // The buyer's own message is shown as sent (Direct Line echoed it with an id), not "Send failed".
        await Assertions.Expect(page.Locator(".webchat__bubble__content", new() { HasText = "hello" }).First).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByText("Send failed").CountAsync());
    }

    [Fact]
    public async Task Chat_Arabic_PageIsRightToLeftAndGreetsInArabic()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"{fixture.Host.BaseUrl}/chat?lang=ar");

        var welcome = page.Locator(".webchat__bubble__content").First;
        await Assertions.Expect(welcome).ToBeVisibleAsync(new() { Timeout = 15000 });
        Assert.Equal("rtl", await page.EvaluateAsync<string>("document.documentElement.dir"));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.webchat__bubble__content')).direction"));
        Assert.True(LocaleFile.IsVariation("ar", "welcome", (await welcome.InnerTextAsync()).Trim()));
        // Right-to-left layout: the send box's text runs right to left and the bot's bubble sits on the right.
        var input = page.Locator("[data-id='webchat-sendbox-input']");
        Assert.Equal("rtl", await input.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        // Once connected, Web Chat stops saying "Connecting…" (a stuck indicator would mean the stream never went online).
        // Web Chat's status (read to screen readers) says "connected", and the visible "connecting…" is gone.
        await Assertions.Expect(page.GetByText("حالة الاتصال: متصل")).ToHaveCountAsync(1, new() { Timeout = 10000 });
        await Assertions.Expect(page.GetByText("جارٍ الاتصال")).ToHaveCountAsync(0, new() { Timeout = 10000 });
        var box = await welcome.BoundingBoxAsync();
        var width = await page.EvaluateAsync<int>("window.innerWidth");
        Assert.True(box!.X + box.Width > width / 2, "the bot's bubble should be on the right in RTL");

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "chat-ar.png") });
    }

    [Fact]
    public async Task HostileMarkup_ShownAsTextInWebChatAndOnHostPage_NeverRuns()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Host.BaseUrl) };
        using var created = await http.PostAsJsonAsync("/api/sessions", new { title = "<i>Live</i>", targetLanguages = new[] { "en" } });
        created.EnsureSuccessStatusCode();
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (session.GetProperty("id").GetString()!, session.GetProperty("hostKey").GetString()!);
        const string hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script> payment terms?";
        const string merchantReply = "<b>好的</b><img src=y onerror=\"window.__pwned=3\">";

        var buyer = await Browser.NewPageAsync();
        await buyer.GotoAsync($"{fixture.Host.BaseUrl}/chat?lang=en&session={id}");
        await Assertions.Expect(buyer.Locator(".webchat__bubble__content").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        var input = buyer.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(hostile);
        await input.PressAsync("Enter");
        var handoff = LocaleFile.Variations("en", "qa.handoff").Single();
        await Assertions.Expect(buyer.Locator(".webchat__bubble__content", new() { HasText = handoff })).ToBeVisibleAsync(new() { Timeout = 15000 });

        // The buyer's bubble shows the markup as characters.
        await Assertions.Expect(buyer.Locator(".webchat__bubble__content", new() { HasText = "<script>window.__pwned=2</script>" })).ToHaveCountAsync(1);

        var merchant = await Browser.NewPageAsync();
        await merchant.GotoAsync($"{fixture.Host.BaseUrl}/host/{id}#key={key}");
        var question = merchant.Locator("#questions .question .original");
        await Assertions.Expect(question).ToContainTextAsync("<img src=x onerror=", new() { Timeout = 15000 });
        Assert.Equal(0, await merchant.Locator("#questions img, #questions script").CountAsync());
        Assert.Equal("<i>Live</i>", await merchant.Locator("#session-title").InnerTextAsync());

        await merchant.Locator("#questions textarea").FillAsync(merchantReply);
        await merchant.Locator("#questions button[type=submit]").ClickAsync();
        await Assertions.Expect(buyer.Locator(".webchat__bubble__content", new() { HasText = "<b>好的</b>" })).ToHaveCountAsync(1, new() { Timeout = 15000 });

        foreach (var page in new[] { buyer, merchant })
        {
            Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__pwned"));
        }

        Assert.Equal(0, await buyer.Locator(".webchat__basic-transcript img[src='x'], .webchat__basic-transcript img[src='y'], .webchat__basic-transcript b").CountAsync());
    }
}
