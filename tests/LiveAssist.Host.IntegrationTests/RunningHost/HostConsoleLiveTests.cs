using System.Net.Http.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>
/// Issue 17, the host console for one person talking to a camera: a live in 11 languages with the console, an overlay
/// and an avatar page open in the same browser (one caption stream per language used to hit the browser's six
/// connections per server and silently stop typed lines, product changes and questions), a buyer's question in
/// Chinese with its original, the reply with its back-translation before and after sending, and the buyer getting it.
/// On a desktop and on a 390×844 phone; screenshots kept under the test bin's <c>screenshots</c>.
/// </summary>
[Collection(RunningHostCollection.Name)]
public sealed class HostConsoleLiveTests(RunningHostFixture fixture) : ChromiumTest
{
    private static readonly string[] Eleven = ["en", "es", "pt", "fr", "ru", "ar", "de", "ja", "ko", "vi", "th"];
    private static readonly string[] Products = ["YW-100234", "YW-100246", "YW-100252"];

    private static readonly string[] Lines =
    [
        "大家好，欢迎来到我们的直播间",
        "这款是我们的爆款",
        "这款一块八毛五一个，五百个起批。",
        "谢谢您的关注",
        "请稍等",
    ];

    private const string Question = "¿Puedo visitar su fábrica la próxima semana?";
    private const string QuestionZh = "我下周可以去你们工厂参观吗？";
    private const string Reply = "欢迎来义乌参观我们的工厂";
    private const string ReplyEs = "Te invitamos a visitar nuestra fábrica en Yiwu"; // tú, as the bot's Spanish texts

    [Theory]
    [InlineData("desktop", 1280, 800)]
    [InlineData("tablet", 820, 1180)]
    [InlineData("phone", 390, 844)]
    public async Task ElevenLanguages_ConsoleOverlayAndAvatarInOneBrowser_LinesProductQuestionAndReplyAllArrive(string device, int width, int height)
    {
        var phone = width < 600;
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Host.BaseUrl) };
        var (id, key) = await CaptionSessions.CreateAsync(http, Eleven);
        using (var list = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/products") { Content = JsonContent.Create(new { productIds = Products }) })
        {
            list.Headers.Add("X-Host-Key", key);
            (await http.SendAsync(list)).EnsureSuccessStatusCode();
        }

        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, DeviceScaleFactor = phone ? 2 : 1, IsMobile = phone, HasTouch = phone });
        var overlay = await context.NewPageAsync();
        await overlay.GotoAsync($"{fixture.Host.BaseUrl}/overlay/{id}?lang=es");
        var avatar = await context.NewPageAsync();
        await avatar.GotoAsync($"{fixture.Host.BaseUrl}/avatar/{id}?lang=en");
        var console = await context.NewPageAsync();
        await console.GotoAsync($"{fixture.Host.BaseUrl}/host/{id}#key={Uri.EscapeDataString(key)}");
        await Assertions.Expect(console.Locator("#live-panel")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(console.Locator("#connection")).ToHaveAttributeAsync("data-state", "up", new() { Timeout = 15000 });
        await overlay.WaitForFunctionAsync("document.body.dataset.connected === 'true'", null, new() { Timeout = 15000 });
        await avatar.WaitForFunctionAsync("document.body.dataset.connected === 'true'", null, new() { Timeout = 15000 });

        // Five typed lines: each on the console in Chinese and all eleven languages, and on the Spanish overlay.
        foreach (var line in Lines)
        {
            await console.FillAsync("#type-text", line);
            await console.PressAsync("#type-text", "Enter");
            var newest = console.Locator("#transcript li").First;
            await Assertions.Expect(newest.Locator(".source")).ToHaveTextAsync(line, new() { Timeout = 20000 });
            var seq = await newest.GetAttributeAsync("data-seq");
            await Assertions.Expect(overlay.Locator($"#caption[data-seq='{seq}']")).ToHaveCountAsync(1, new() { Timeout = 20000 });
        }

        foreach (var lang in Eleven)
        {
            await Assertions.Expect(console.Locator($"#transcript .line[data-lang='{lang}'][data-final='true']")).ToHaveCountAsync(Lines.Length, new() { Timeout = 20000 });
        }

        var firstLine = console.Locator("#transcript li").Last;
        await Assertions.Expect(firstLine.Locator(".line[data-lang='es'] .text")).ToContainTextAsync("bienvenidos", new() { IgnoreCase = true });
        await Assertions.Expect(firstLine.Locator(".line[data-lang='es'] .lang")).ToHaveTextAsync("西班牙语");
        Assert.Equal("rtl", await firstLine.Locator(".line[data-lang='ar'] .text").GetAttributeAsync("dir"));
        await Assertions.Expect(console.Locator("#delays tr[data-lang='es'] .delay")).ToContainTextAsync("毫秒");
        await Assertions.Expect(avatar.Locator("#caption:not([data-seq=''])")).ToHaveCountAsync(1, new() { Timeout = 30000 }); // the presenter took lines too
        var engines = await console.Locator("#engines").InnerTextAsync();
        Assert.DoesNotContain("offline", engines, StringComparison.Ordinal); // the merchant's words, not engine ids
        Assert.Contains("翻译：", engines, StringComparison.Ordinal);

        // Switching the product by its picture: the overlay's card follows.
        await Assertions.Expect(console.Locator("#product-list li[data-product] img")).ToHaveCountAsync(Products.Length, new() { Timeout = 10000 });
        await console.Locator($"#product-list li[data-product='{Products[1]}'] button").ClickAsync();
        await Assertions.Expect(overlay.Locator("#card")).ToHaveAttributeAsync("data-product", Products[1], new() { Timeout = 15000 });
        await Assertions.Expect(console.Locator("#current-product")).ToContainTextAsync("马克杯", new() { Timeout = 10000 });
        await Assertions.Expect(console.Locator($"#product-list li.current[data-product='{Products[1]}']")).ToHaveCountAsync(1);
        await AssertNoSidewaysScrollAsync(console);
        await ScreenshotAsync(console, $"console-{device}-captions.png");
        await ScreenshotAsync(overlay, $"console-{device}-overlay-es.png");

        // A buyer asks in Spanish in the Web Chat (on their own phone): the console shows it in Chinese with the original,
        // not tagged with the mug on screen (the buyer never mentioned it), with a chime and the count in the tab title.
        var buyer = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await buyer.GotoAsync($"{fixture.Host.BaseUrl}/chat?lang=es&session={id}");
        await Assertions.Expect(buyer.Locator(".webchat__bubble__content").First).ToBeVisibleAsync(new() { Timeout = 20000 });
        var input = buyer.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(Question);
        await input.PressAsync("Enter");

        var question = console.Locator("#questions .question").First;
        await Assertions.Expect(question.Locator(".zh")).ToHaveTextAsync(QuestionZh, new() { Timeout = 60000 });
        await Assertions.Expect(question.Locator(".original .text")).ToHaveTextAsync(Question);
        await Assertions.Expect(question.Locator(".who")).ToContainTextAsync("买家（西班牙语）");
        await Assertions.Expect(question.Locator(".product")).ToBeHiddenAsync();
        await Assertions.Expect(console).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(1\) "));
        Assert.True(await console.EvaluateAsync<int>("Number(document.body.dataset.chimes || 0)") >= 1, "no sound for the new question");

        // The reply: what the buyer will get and its back-translation before sending, then what was sent.
        if (phone)
        {
            await question.ScrollIntoViewIfNeededAsync();
        }

        await question.Locator("textarea").FillAsync(Reply);
        await question.Locator(".preview-button").ClickAsync();
        await Assertions.Expect(question.Locator(".preview .to-buyer")).ToContainTextAsync(ReplyEs, new() { Timeout = 10000 });
        await Assertions.Expect(question.Locator(".preview .back")).ToHaveTextAsync(Reply);
        await ScreenshotAsync(console, $"console-{device}-reply-preview.png", question);
        await question.Locator(".send-button").ClickAsync();
        await Assertions.Expect(question.Locator(".sent .to-buyer")).ToContainTextAsync(ReplyEs, new() { Timeout = 10000 });
        await Assertions.Expect(question.Locator(".sent .back")).ToHaveTextAsync(Reply);
        await Assertions.Expect(buyer.Locator(".webchat__bubble__content", new() { HasText = ReplyEs })).ToHaveCountAsync(1, new() { Timeout = 20000 });
        await Assertions.Expect(console).Not.ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(\d+\) "), new() { Timeout = 10000 });
        await ScreenshotAsync(console, $"console-{device}-reply-sent.png", question);
        await ScreenshotAsync(buyer, $"console-{device}-buyer-got-reply.png");

        // A question neither the phrasebook nor an engine can put into Chinese: the console says so plainly, beside the original.
        const string Untranslatable = "Quiero hablar con el vendedor sobre un pedido grande para Chile";
        await input.FillAsync(Untranslatable);
        await input.PressAsync("Enter");
        var second = console.Locator("#questions .question").First;
        await Assertions.Expect(second.Locator(".original .text")).ToHaveTextAsync(Untranslatable, new() { Timeout = 60000 });
        await Assertions.Expect(second.Locator(".no-zh")).ToContainTextAsync("没有配置在线翻译引擎");
        await Assertions.Expect(second.Locator(".zh")).ToBeHiddenAsync();
        await Assertions.Expect(console).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(1\) "), new() { Timeout = 10000 });
        await ScreenshotAsync(console, $"console-{device}-question-untranslated.png", second);

        // A buyer's confirmed quote request shows up in the leads table with the question that led to it.
        var dl = new DirectLine.DirectLineClient(http);
        var credentials = await dl.ChatTokenAsync("en");
        var token = credentials.GetProperty("token").GetString()!;
        var chat = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;
        foreach (var said in new[] { "price for 3000 pcs to Brazil?", "yes", "quote request", "ana@example.com.br", "yes" })
        {
            await dl.PostMessageAsync(token, chat, said, credentials.GetProperty("userId").GetString()!, "en-US", id);
        }

        var lead = console.Locator("#leads tbody tr").First;
        await Assertions.Expect(lead.Locator("td[data-label='买家问题']")).ToHaveTextAsync("price for 3000 pcs to Brazil?", new() { Timeout = 20000 });
        await Assertions.Expect(lead.Locator("td[data-label='数量']")).ToHaveTextAsync("3,000");
        await Assertions.Expect(lead.Locator("td[data-label='国家']")).ToHaveTextAsync("巴西");
        await Assertions.Expect(console.Locator("#leads tbody tr")).ToHaveCountAsync(1);
        await ScreenshotAsync(console, $"console-{device}-leads.png", console.Locator("#leads-panel"));

        // Lines typed after all that still arrive: nothing starved behind the streams.
        await console.FillAsync("#type-text", "可以");
        await console.PressAsync("#type-text", "Enter");
        await Assertions.Expect(console.Locator("#transcript li").First.Locator(".source")).ToHaveTextAsync("可以", new() { Timeout = 20000 });
        var last = await console.Locator("#transcript li").First.GetAttributeAsync("data-seq");
        await Assertions.Expect(overlay.Locator($"#caption[data-seq='{last}']")).ToHaveCountAsync(1, new() { Timeout = 20000 });
        await AssertNoSidewaysScrollAsync(console);
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("desktop", 1280, 800)]
    [InlineData("phone", 390, 844)]
    public async Task WrongOrExpiredKey_ChineseMessageAndKeyBox_NoConsoleWithDeadButtons(string device, int width, int height)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Host.BaseUrl) };
        var (id, _) = await CaptionSessions.CreateAsync(http, ["en", "es"]);
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await page.GotoAsync($"{fixture.Host.BaseUrl}/host/{id}#key=not-the-key");

        await Assertions.Expect(page.Locator("#gate")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#gate-title")).ToHaveTextAsync("主播密钥不对或已失效");
        await Assertions.Expect(page.Locator("#host-key")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#console")).ToBeHiddenAsync();
        Assert.DoesNotContain("key", (await page.Locator("body").InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        await AssertNoSidewaysScrollAsync(page);
        await ScreenshotAsync(page, $"console-{device}-wrong-key.png");

        await page.GotoAsync($"{fixture.Host.BaseUrl}/host/no-such-live");
        await Assertions.Expect(page.Locator("#gate-title")).ToHaveTextAsync("找不到这场直播", new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#console")).ToBeHiddenAsync();
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
        => Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), "the console scrolls sideways");

    private static async Task ScreenshotAsync(IPage page, string name, ILocator? around = null)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        if (around is not null)
        {
            await around.ScrollIntoViewIfNeededAsync();
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name) });
    }
}
