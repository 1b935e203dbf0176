using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Operator.Accounts;
using LiveAssist.Testing;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>
/// The merchant studio at <c>/</c> in Debian's Chromium, as a Yiwu merchant uses it: sign in, start a live with
/// 11 caption languages, a glossary, two script lines and three catalog products, then the live's page with its
/// OBS previews, buyer links and QR codes, the host console, and the end button; on a desktop and on a phone.
/// Bad input (wrong password, revoked sign-in, another merchant's live, a 5,000-row glossary) gets Chinese
/// messages and saves nothing. Screenshots go to the test output's <c>screenshots/</c>.
/// </summary>
[Collection(RunningHostCollection.Name)]
public sealed class StudioPageTests : ChromiumTest, IAsyncLifetime
{
    private const string Password = "studio-merchant-pass";
    private const string OtherPassword = "other-merchant-pass";
    private static readonly string[] Languages = ["en", "es", "pt", "fr", "ru", "ar", "id", "vi", "th", "ja", "ko"];
    private HostProcess _host = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Operator__Accounts__0__Name"] = "chenguang",
            ["Operator__Accounts__0__PasswordHash"] = PasswordHash.Create(Password),
            ["Operator__Accounts__0__Role"] = "merchant",
            ["Operator__Accounts__0__ShopId"] = "S-88201",
            ["Operator__Accounts__1__Name"] = "hengda",
            ["Operator__Accounts__1__PasswordHash"] = PasswordHash.Create(OtherPassword),
            ["Operator__Accounts__1__Role"] = "merchant",
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _host.DisposeAsync();
        await DisposeAsync();
    }

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task Merchant_SignsInAtRoot_StartsLiveWith11Languages_LivePageConsoleOverlayAndAvatarAllArrive(int width, int height, string device)
    {
        await using var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN", BaseURL = _host.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        // The root is the studio, in Chinese; a wrong password is said so, in Chinese.
        await Assertions.Expect(page.Locator("#view-signin h1")).ToHaveTextAsync("商家登录");
        await Assertions.Expect(page.Locator("#sign-out")).ToBeHiddenAsync();
        await SignInAsync(page, "chenguang", "wrong-password");
        await Assertions.Expect(page.Locator("#signin-error")).ToHaveTextAsync("账号或密码不对，请再试一次。");
        await ShotAsync(page, $"studio-signin-{device}");
        await SignInAsync(page, "chenguang", Password);
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("chenguang · S-88201");

        // 开播: title, the shop from the account, 11 languages each with its quality.
        await page.ClickAsync("#new-live");
        await Assertions.Expect(page.Locator("#view-new")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#live-shop")).ToHaveValueAsync("S-88201");
        await page.FillAsync("#live-title", "晨光保温杯 双十二专场");
        await Assertions.Expect(page.Locator("#languages [data-lang=es] .badge.phrasebook")).ToHaveTextAsync("短语库", new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#languages [data-lang=it] .badge.chat")).ToHaveTextAsync("问答：用英文回答");
        foreach (var code in Languages)
        {
            await page.Locator($"#languages [data-lang={code}] input").CheckAsync();
        }

        // Glossary: a column per language; the engines fill what is missing, marked for review.
        await Assertions.Expect(page.Locator("#glossary thead th")).ToHaveCountAsync(Languages.Length + 2);
        await GlossaryCell(page, 0, 0).FillAsync("晨光");
        await GlossaryCell(page, 0, 1).FillAsync("Chenguang");
        await page.ClickAsync("#glossary-add");
        await GlossaryCell(page, 1, 0).FillAsync("保温杯");
        await GlossaryCell(page, 1, 1).FillAsync("vacuum flask");
        await page.ClickAsync("#glossary-fill");
        await Assertions.Expect(page.Locator("#glossary-status")).ToContainTextAsync("补全了", new() { Timeout = 30000 });
        Assert.True(await page.Locator("#glossary .tag").CountAsync() > 0, "filled glossary cells are marked 待审核");

        // Two script lines, English vetted by typing it; pre-translation asked for the rest.
        await page.Locator("#script > li").Nth(0).Locator("textarea").FillAsync("这款保温杯五百个起批");
        await page.Locator("#script > li").Nth(0).Locator(".script-lang").Nth(0).Locator("input:not([type])").FillAsync("This vacuum flask: minimum order 500 pieces.");
        await page.ClickAsync("#script-add");
        await page.Locator("#script > li").Nth(1).Locator("textarea").FillAsync("欢迎来到晨光直播间");
        await page.Locator("#script > li").Nth(1).Locator(".script-lang").Nth(0).Locator("input:not([type])").FillAsync("Welcome to the Chenguang live room.");
        Assert.True(await page.Locator("#script > li").Nth(0).Locator(".script-lang").Nth(0).Locator("input[type=checkbox]").IsCheckedAsync(), "a typed translation is ticked vetted");
        await page.ClickAsync("#script-fill");
        await Assertions.Expect(page.Locator("#script-status")).Not.ToHaveTextAsync("正在用翻译引擎补全…", new() { Timeout = 30000 });
        await Assertions.Expect(page.Locator("#languages [data-lang=en] .badge.vetted")).ToHaveTextAsync("已审核台词 2/2");

        // Three products from the catalog by search, with pictures; the second moved to first.
        await page.FillAsync("#product-search", "保温杯");
        await page.PressAsync("#product-search", "Enter");
        await Assertions.Expect(page.Locator("#results li.product").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var add = page.Locator("#results li.product button:not([disabled])").First;
            ids.Add((await add.GetAttributeAsync("data-id"))!);
            await add.ClickAsync();
        }

        await Assertions.Expect(page.Locator("#chosen li.product")).ToHaveCountAsync(3);
        await page.Locator("#chosen li.product").Nth(1).Locator("button[aria-label=上移]").ClickAsync();
        ids = [ids[1], ids[0], ids[2]];
        await Assertions.Expect(page.Locator("#chosen li.product").Nth(0)).ToContainTextAsync(ids[0]);
        Assert.True(await page.Locator("#chosen li.product img").First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "product pictures load");
        await AssertNoSidewaysScrollAsync(page, "start form");
        await ShotAsync(page, $"studio-new-{device}");
        await SectionShotAsync(page.Locator("#languages"), $"studio-new-languages-{device}");
        await SectionShotAsync(page.Locator("#glossary").Locator("xpath=ancestor::fieldset"), $"studio-new-glossary-{device}");
        await SectionShotAsync(page.Locator("#script > li").First, $"studio-new-script-{device}");
        await SectionShotAsync(page.Locator("#chosen"), $"studio-new-products-{device}");

        // 开播 → the live's page.
        await page.ClickAsync("#create");
        await Assertions.Expect(page.Locator("#live-title-h")).ToHaveTextAsync("晨光保温杯 双十二专场", new() { Timeout = 60000 });
        await Assertions.Expect(page.Locator("#live-state")).ToHaveTextAsync("直播中");
        await Assertions.Expect(page.Locator("#lang-links > li")).ToHaveCountAsync(Languages.Length);
        var sessionId = Uri.UnescapeDataString(new Uri(page.Url).Fragment["#/live/".Length..]);

        // What was saved is what the merchant set: owned, 11 languages, glossary with filled cells marked, script, products in order.
        var details = await GetJsonAsync(context, $"/api/sessions/{sessionId}/details");
        Assert.Equal(Languages, details.GetProperty("session").GetProperty("targetLanguages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("S-88201", details.GetProperty("session").GetProperty("shopId").GetString());
        Assert.Equal(ids, details.GetProperty("session").GetProperty("productList").EnumerateArray().Select(p => p.GetString()));
        var glossary = details.GetProperty("glossary");
        Assert.Equal(["晨光", "保温杯"], glossary.EnumerateArray().Select(g => g.GetProperty("source").GetString()));
        Assert.Equal("Chenguang", glossary[0].GetProperty("translations").GetProperty("en").GetString());
        Assert.DoesNotContain("en", glossary[1].GetProperty("filled").EnumerateArray().Select(f => f.GetString()));
        Assert.True(glossary[1].GetProperty("filled").GetArrayLength() > 0, "unreviewed fills are kept marked as not vetted");
        Assert.Equal("Welcome to the Chenguang live room.", details.GetProperty("script")[1].GetProperty("translations").GetProperty("en").GetString());

        // Links per language with copy buttons, QR codes that load, exports as downloads.
        var arabic = page.Locator("#lang-links > li[data-lang=ar]");
        Assert.Contains($"/overlay/{sessionId}?lang=ar", await arabic.Locator(".link-row.overlay input").InputValueAsync(), StringComparison.Ordinal);
        Assert.Contains($"/avatar/{sessionId}?lang=ar", await arabic.Locator(".link-row.avatar input").InputValueAsync(), StringComparison.Ordinal);
        Assert.Contains($"/chat?session={sessionId}&lang=ar", await arabic.Locator(".link-row.chat input").InputValueAsync(), StringComparison.Ordinal);
        await arabic.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(arabic.Locator(".qr img")).ToBeVisibleAsync();
        // The chat QR code loads (waited for: a picture scrolled into view may still be on its way).
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 100", await arabic.Locator(".qr img").ElementHandleAsync(), new() { Timeout = 10000 });
        Assert.Equal($"{sessionId}-ar.srt", await arabic.Locator(".exports a", new() { HasText = "SRT" }).GetAttributeAsync("download"));
        await page.Locator("#lang-links > li[data-lang=es] .link-row.chat button.copy").ClickAsync();
        await Assertions.Expect(page.Locator("#lang-links > li[data-lang=es] .link-row.chat button.copy")).ToHaveTextAsync("已复制");

        // The host key only on request; the host says the vetted script line and both previews show it.
        await Assertions.Expect(page.Locator("#host-key")).ToBeHiddenAsync();
        await page.ClickAsync("#reveal-key");
        await Assertions.Expect(page.Locator("#host-key")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Za-z0-9_-]{32}$"));
        var hostKey = await page.Locator("#host-key").InnerTextAsync();
        await SayAsync(sessionId, hostKey, "这款保温杯五百个起批");
        var overlay = page.FrameLocator("#preview-overlay");
        var avatar = page.FrameLocator("#preview-avatar");
        await Assertions.Expect(overlay.Locator("#caption")).ToContainTextAsync("500", new() { Timeout = 30000 });
        await Assertions.Expect(avatar.Locator("#caption")).ToContainTextAsync("500", new() { Timeout = 30000 });
        await page.Locator("#preview-overlay").ScrollIntoViewIfNeededAsync();
        await AssertNoSidewaysScrollAsync(page, "live page");
        await ShotAsync(page, $"studio-live-{device}");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = ShotPath($"studio-live-top-{device}") });
        await SectionShotAsync(arabic, $"studio-live-arabic-links-{device}");

        // The console link carries the key in the fragment: the console opens signed in to this live.
        var consoleTask = context.WaitForPageAsync();
        await page.ClickAsync("#open-console");
        var console = await consoleTask;
        await Assertions.Expect(console.Locator("#session-title")).ToHaveTextAsync("晨光保温杯 双十二专场", new() { Timeout = 15000 });
        await Assertions.Expect(console.Locator("#key-form")).ToBeHiddenAsync();
        Assert.DoesNotContain("key=", console.Url, StringComparison.Ordinal);
        await Assertions.Expect(console.Locator("#connection")).ToHaveAttributeAsync("data-state", "up", new() { Timeout = 15000 });

        // OBS's sources, opened from the live page's links in the same browser: the Spanish overlay and the English avatar.
        var obsOverlay = await context.NewPageAsync();
        await obsOverlay.GotoAsync(await page.Locator("#lang-links > li[data-lang=es] .link-row.overlay input").InputValueAsync());
        var obsAvatar = await context.NewPageAsync();
        await obsAvatar.GotoAsync(await page.Locator("#lang-links > li[data-lang=en] .link-row.avatar input").InputValueAsync());
        await obsOverlay.WaitForFunctionAsync("document.body.dataset.connected === 'true'", null, new() { Timeout = 15000 });
        await obsAvatar.WaitForFunctionAsync("document.body.dataset.connected === 'true'", null, new() { Timeout = 15000 });

        // Five lines typed in the console reach the console in every language, the overlay and the avatar.
        // (Phrasebook lines: with the offline engines a dictionary draft stays off air, so it would never reach the overlay.)
        string[] typed = ["大家好，欢迎来到我们的直播间", "这款是我们的爆款", "这款一块八毛五一个，五百个起批。", "谢谢您的关注", "请稍等"];
        foreach (var line in typed)
        {
            await console.FillAsync("#type-text", line);
            await console.PressAsync("#type-text", "Enter");
            var newest = console.Locator("#transcript li").First;
            await Assertions.Expect(newest.Locator(".source")).ToHaveTextAsync(line, new() { Timeout = 20000 });
            var seq = await newest.GetAttributeAsync("data-seq");
            await Assertions.Expect(obsOverlay.Locator($"#caption[data-seq='{seq}']")).ToHaveCountAsync(1, new() { Timeout = 20000 });
        }

        await Assertions.Expect(obsAvatar.Locator("#caption:not([data-seq=''])")).ToHaveCountAsync(1, new() { Timeout = 30000 });
        await ShotAsync(obsOverlay, $"studio-obs-overlay-es-{device}");
        foreach (var lang in Languages)
        {
            await Assertions.Expect(console.Locator("#transcript li").First.Locator($".line[data-lang='{lang}'][data-final='true']")).ToHaveCountAsync(1, new() { Timeout = 20000 });
        }

        // A buyer asks in Spanish on the chat link; the merchant reads it in Chinese and answers; the buyer gets the Spanish.
        var buyer = await context.NewPageAsync();
        await buyer.GotoAsync(await page.Locator("#lang-links > li[data-lang=es] .link-row.chat input").InputValueAsync());
        await Assertions.Expect(buyer.Locator(".webchat__bubble__content").First).ToBeVisibleAsync(new() { Timeout = 20000 });
        var input = buyer.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync("¿Puedo visitar su fábrica la próxima semana?");
        await input.PressAsync("Enter");
        var question = console.Locator("#questions .question").First;
        await Assertions.Expect(question.Locator(".zh")).ToHaveTextAsync("我下周可以去你们工厂参观吗？", new() { Timeout = 60000 });
        await question.ScrollIntoViewIfNeededAsync();
        await question.Locator("textarea").FillAsync("欢迎来义乌参观我们的工厂");
        await question.Locator(".send-button").ClickAsync();
        await Assertions.Expect(question.Locator(".sent .back")).ToHaveTextAsync("欢迎来义乌参观我们的工厂", new() { Timeout = 10000 });
        await Assertions.Expect(buyer.Locator(".webchat__bubble__content", new() { HasText = "Yiwu" })).ToHaveCountAsync(1, new() { Timeout = 20000 });
        await ShotAsync(console, $"studio-console-{device}");
        await ShotAsync(buyer, $"studio-buyer-reply-{device}");
        await buyer.CloseAsync();
        await console.CloseAsync();

        // End: the live is over, and the list of lives says so.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.ClickAsync("#end-live");
        await Assertions.Expect(page.Locator("#live-state")).ToHaveTextAsync("已结束");
        await Assertions.Expect(page.Locator("#end-live")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#open-console")).ToBeHiddenAsync();
        await page.ClickAsync("#brand");
        await Assertions.Expect(page.Locator("#lives li").First).ToContainTextAsync("晨光保温杯 双十二专场");
        await Assertions.Expect(page.Locator("#lives li").First.Locator(".state")).ToHaveTextAsync("已结束");
        await ShotAsync(page, $"studio-home-{device}");
    }

    [Fact]
    public async Task AnotherMerchantsLive_RefusedInChinese_AndNothingOfItChanges()
    {
        var sessionId = await StartLiveByApiAsync("chenguang", Password, "晨光的直播");
        await using var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, BaseURL = _host.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await SignInAsync(page, "hengda", OtherPassword);
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("hengda");
        await Assertions.Expect(page.Locator("#lives li", new() { HasText = "晨光的直播" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/#/live/{sessionId}");
        await Assertions.Expect(page.Locator("#live-refused-text")).ToHaveTextAsync("这场直播是另一个商家账号开的，您不能查看或操作它。");
        await Assertions.Expect(page.Locator("#live-body")).ToBeHiddenAsync();
        await ShotAsync(page, "studio-refused-desktop");

        // Nor through the API with the same sign-in: no key, no end, no product change.
        foreach (var (method, path) in new[] { ("POST", "host-key"), ("POST", "end"), ("GET", "details"), ("GET", "questions") })
        {
            var response = method == "POST"
                ? await context.APIRequest.PostAsync($"/api/sessions/{sessionId}/{path}", new() { Headers = new Dictionary<string, string> { ["Origin"] = _host.BaseUrl } })
                : await context.APIRequest.GetAsync($"/api/sessions/{sessionId}/{path}");
            Assert.Equal(403, response.Status);
            Assert.Contains("另一个商家账号", await response.TextAsync(), StringComparison.Ordinal);
        }

        using var http = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
        var session = await http.GetFromJsonAsync<JsonElement>($"/api/sessions/{sessionId}");
        Assert.Equal("live", session.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Glossary5000Rows_RefusedInChinese_NothingSaved()
    {
        await using var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, BaseURL = _host.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await SignInAsync(page, "hengda", OtherPassword);
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("hengda");
        var before = await CountLivesAsync("hengda", OtherPassword);
        await page.ClickAsync("#new-live");
        await page.FillAsync("#live-title", "五千词测试");
        await GlossaryCell(page, 0, 0).FillAsync("恒达");

        // Pasted from a spreadsheet: refused whole, the one row typed before kept, nothing imported.
        await page.Locator("#view-new details summary").ClickAsync();
        await Assertions.Expect(page.Locator("#glossary-paste")).ToBeVisibleAsync();
        var rows = string.Join('\n', Enumerable.Range(1, 5000).Select(i => $"词{i}\tterm {i}"));
        await ShotAsync(page, "studio-glossary-paste-open-phone");
        await page.Locator("#glossary-paste").EvaluateAsync("(area, text) => { area.value = text; area.dispatchEvent(new Event('input')); }", rows); // as a paste does
        await page.ClickAsync("#glossary-import");
        await Assertions.Expect(page.Locator("#glossary-status")).ToContainTextAsync("词汇表最多 1000 条，这样一共有 5001 条。什么都没有导入");
        await Assertions.Expect(page.Locator("#glossary tbody tr")).ToHaveCountAsync(1);
        await ShotAsync(page, "studio-glossary5000-phone");

        // Sent straight to the API: a Chinese problem, and no live was created.
        var glossary = Enumerable.Range(1, 5000).Select(i => new { source = $"词{i}", translations = new Dictionary<string, string> { ["en"] = $"term {i}" } });
        var response = await context.APIRequest.PostAsync("/api/sessions", new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = _host.BaseUrl },
            DataObject = new { title = "五千词测试", targetLanguages = new[] { "en" }, glossary },
        });
        Assert.Equal(400, response.Status);
        Assert.Contains("词汇表最多 1000 条，这次有 5000 条", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountLivesAsync("hengda", OtherPassword));
    }

    [Fact]
    public async Task RevokedSignIn_StartLive_SaysSignInExpiredInChinese_AndCreatesNothing()
    {
        await using var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, BaseURL = _host.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await SignInAsync(page, "hengda", OtherPassword);
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("hengda");
        var before = await CountLivesAsync("hengda", OtherPassword);
        await page.ClickAsync("#new-live");
        await page.FillAsync("#live-title", "过期测试");

        // The sign-in ends elsewhere (signed out in another tab; a stolen copy of the cookie stays dead too).
        var cookies = await context.CookiesAsync();
        await context.APIRequest.PostAsync("/api/account/signout", new() { Headers = new Dictionary<string, string> { ["Origin"] = _host.BaseUrl } });
        await context.AddCookiesAsync(cookies.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, SameSite = c.SameSite }));
        await page.ClickAsync("#create");
        await Assertions.Expect(page.Locator("#signin-error")).ToHaveTextAsync("登录已过期，请重新登录。");
        await Assertions.Expect(page.Locator("#view-signin")).ToBeVisibleAsync();

        Assert.Equal(before, await CountLivesAsync("hengda", OtherPassword));
    }

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task Merchant_AddsAProductWithPicture_EditsIt_ImportsASheetWithPreview_BadInputToldInChinese(int width, int height, string device)
    {
        var id = device == "phone" ? "CG-7101" : "CG-7001";
        await using var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN", BaseURL = _host.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await SignInAsync(page, "chenguang", Password);
        await page.ClickAsync("#manage-products");
        await Assertions.Expect(page.Locator("#products-shop")).ToContainTextAsync("店铺 S-88201");
        await Assertions.Expect(page.Locator("#shop-products li.product").First).ToBeVisibleAsync();

        // 新增商品: titles in three languages, two price tiers, a warehouse, a colour.
        await page.ClickAsync("#product-new");
        await Assertions.Expect(page.Locator("#product-heading")).ToHaveTextAsync("新增商品");
        await page.FillAsync("#p-id", id);
        await page.FillAsync("#p-title-zh", "硅胶折叠水杯 350ml");
        await page.FillAsync("#p-title-en", "Silicone Folding Cup 350ml");
        await page.ClickAsync("#p-languages summary");
        await page.FillAsync("#p-title-es", "Vaso plegable de silicona 350ml");
        await page.FillAsync("#p-moq", "300");
        await page.Locator("#p-tiers tbody tr").Nth(0).Locator("input.qty").FillAsync("300");
        await page.Locator("#p-tiers tbody tr").Nth(0).Locator("input.price").FillAsync("1.20");
        await page.ClickAsync("#p-tiers-add");
        await page.Locator("#p-tiers tbody tr").Nth(1).Locator("input.qty").FillAsync("2000");
        await page.Locator("#p-tiers tbody tr").Nth(1).Locator("input.price").FillAsync("0.98");
        var stock = page.Locator("#p-stock tbody tr").Nth(0).Locator("input");
        await stock.Nth(0).FillAsync("义乌仓");
        await stock.Nth(2).FillAsync("8000");
        var colour = page.Locator("#p-variants tbody tr").Nth(0).Locator("input");
        await colour.Nth(0).FillAsync(id + "-PNK");
        await colour.Nth(1).FillAsync("粉色");
        await colour.Nth(2).FillAsync("Pink");

        // A file that is not a picture is refused in Chinese; a real picture shows at once.
        await page.Locator("#p-picture-file").SetInputFilesAsync(new FilePayload { Name = "报价单.png", MimeType = "image/png", Buffer = System.Text.Encoding.UTF8.GetBytes("价格表 not a picture") });
        await Assertions.Expect(page.Locator("#p-picture-status")).ToHaveTextAsync("这个文件不是图片。请传 JPG、PNG、GIF 或 WebP 格式的照片。");
        var png = await (await context.APIRequest.GetAsync("/catalog/v1/images/YW-100235.png")).BodyAsync();
        await page.Locator("#p-picture-file").SetInputFilesAsync(new FilePayload { Name = "杯子.png", MimeType = "image/png", Buffer = png });
        await Assertions.Expect(page.Locator("#p-pictures img")).ToHaveCountAsync(1);
        Assert.True(await page.Locator("#p-pictures img").EvaluateAsync<bool>("img => img.decode().then(() => img.naturalWidth > 0)"), "the uploaded picture loads from this host");
        await AssertNoSidewaysScrollAsync(page, "product form");
        await ShotAsync(page, $"studio-product-form-{device}");

        await page.ClickAsync("#p-save");
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync($"已保存：硅胶折叠水杯 350ml ({id})");
        var row = page.Locator($"#shop-products li.product[data-id='{id}']");
        await page.FillAsync("#shop-search", "硅胶折叠");
        await page.ClickAsync("#shop-search-go");
        await Assertions.Expect(row).ToBeVisibleAsync();
        Assert.True(await row.Locator("img").EvaluateAsync<bool>("img => img.decode().then(() => img.naturalWidth > 0)"), "the list shows the product's picture");
        var saved = await GetJsonAsync(context, $"/catalog/v1/products/{id}");
        Assert.Equal("Vaso plegable de silicona 350ml", saved.GetProperty("title").GetProperty("es").GetString());
        Assert.Equal([300, 2000], saved.GetProperty("priceTiers").EnumerateArray().Select(t => t.GetProperty("minQty").GetInt32()));
        Assert.Equal("S-88201", saved.GetProperty("shop").GetProperty("id").GetString());
        Assert.StartsWith("/media/pictures/", saved.GetProperty("images")[0].GetString(), StringComparison.Ordinal);

        // Edit: a bad MOQ is told in Chinese and nothing changes; a good one is saved, the Spanish title kept.
        await row.Locator("a.button").ClickAsync();
        await Assertions.Expect(page.Locator("#product-heading")).ToHaveTextAsync($"修改商品 {id}");
        await Assertions.Expect(page.Locator("#p-id")).ToHaveValueAsync(id);
        await page.FillAsync("#p-moq", "0");
        await page.ClickAsync("#p-save");
        await Assertions.Expect(page.Locator("#p-error")).ToHaveTextAsync("起订量要是大于 0 的整数。什么都没有保存。");
        Assert.Equal(300, (await GetJsonAsync(context, $"/catalog/v1/products/{id}")).GetProperty("moq").GetInt32());
        await page.FillAsync("#p-moq", "240");
        await page.ClickAsync("#p-save");
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("已保存");
        var edited = await GetJsonAsync(context, $"/catalog/v1/products/{id}");
        Assert.Equal(240, edited.GetProperty("moq").GetInt32());
        Assert.Equal("Vaso plegable de silicona 350ml", edited.GetProperty("title").GetProperty("es").GetString());

        // Import: the preview lists the row that would be refused, with its reason; importing saves the good rows only.
        await page.ClickAsync("#product-import");
        var sheet = "编号,名称,英文名称,起订量,价格阶梯,币种,库存\r\n"
            + $"{id}-A,竹纤维餐盘,Bamboo Plate,200,200:1.10;1000:0.95,USD,义乌仓:CN:3000\r\n"
            + $"{id}-B,宠物碗,Pet Bowl,五百,100:1.5,USD,\r\n"
            + $"{id}-C,硅胶锅铲,Silicone Spatula,500,500:0.60,USD,义乌仓:CN:10000\r\n";
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "商品.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(sheet) });
        await Assertions.Expect(page.Locator("#import-rejected tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#import-rejected tbody tr td").Nth(0)).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#import-rejected tbody tr td").Nth(2)).ToHaveTextAsync("“起订量”：“五百”不是整数。");
        await Assertions.Expect(page.Locator("#import-ready tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#import-go")).ToHaveTextAsync("导入 2 个商品（跳过 1 行有问题的）");
        var notYet = await context.APIRequest.GetAsync($"/catalog/v1/products/{id}-A");
        Assert.Equal(404, notYet.Status); // the preview saved nothing
        await AssertNoSidewaysScrollAsync(page, "import preview");
        await ShotAsync(page, $"studio-import-preview-{device}");
        await page.ClickAsync("#import-go");
        await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("导入完成：新增 2 个，更新 0 个，跳过 1 行。");
        Assert.Equal(200, (await GetJsonAsync(context, $"/catalog/v1/products/{id}-A")).GetProperty("moq").GetInt32());
        Assert.Equal(404, (await context.APIRequest.GetAsync($"/catalog/v1/products/{id}-B")).Status);

        // A 10 MB sheet is refused before anything is sent or saved.
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "全部商品.csv", MimeType = "text/csv", Buffer = new byte[10 * 1024 * 1024] });
        await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("文件太大了（10.0 MB）：一次最多 5 MB。请分成几个文件导入，什么都没有保存。");
        await Assertions.Expect(page.Locator("#import-preview")).ToBeHiddenAsync();

        // The new products are there to pick when starting a live.
        await page.GotoAsync("/#/new");
        await page.FillAsync("#product-search", "竹纤维餐盘");
        await page.PressAsync("#product-search", "Enter");
        await Assertions.Expect(page.Locator($"#results li.product button[data-id='{id}-A']")).ToBeVisibleAsync(new() { Timeout = 15000 });
    }

    private static ILocator GlossaryCell(IPage page, int row, int column)
        => page.Locator("#glossary tbody tr").Nth(row).Locator("td").Nth(column).Locator("input");

    private static async Task SignInAsync(IPage page, string name, string password)
    {
        await page.FillAsync("#signin-name", name);
        await page.FillAsync("#signin-password", password);
        await page.ClickAsync("#signin-form button[type=submit]");
    }

    private static async Task<JsonElement> GetJsonAsync(IBrowserContext context, string path)
    {
        var response = await context.APIRequest.GetAsync(path);
        Assert.True(response.Ok, $"{path}: {response.Status} {await response.TextAsync()}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    // Counted through a sign-in of its own, so the browser's cookies (old and new) do not blur what the server kept.
    private async Task<int> CountLivesAsync(string name, string password)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(_host.BaseUrl) };
        (await http.PostAsJsonAsync("/api/account/signin", new { name, password })).EnsureSuccessStatusCode();
        return (await http.GetFromJsonAsync<JsonElement>("/api/sessions")).GetArrayLength();
    }

    private async Task<string> StartLiveByApiAsync(string name, string password, string title)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(_host.BaseUrl) };
        (await http.PostAsJsonAsync("/api/account/signin", new { name, password })).EnsureSuccessStatusCode();
        using var created = await http.PostAsJsonAsync("/api/sessions", new { title, targetLanguages = new[] { "en", "es" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task SayAsync(string sessionId, string hostKey, string text)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/utterances") { Content = JsonContent.Create(new { text, final = true }) };
        request.Headers.Add("X-Host-Key", hostKey);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        var (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= viewport, $"{what} scrolls sideways: {scroll}px wide in a {viewport}px window");
    }

    private static Task ShotAsync(IPage page, string name) => page.ScreenshotAsync(new() { Path = ShotPath(name), FullPage = true });

    private static Task SectionShotAsync(ILocator section, string name) => section.ScreenshotAsync(new() { Path = ShotPath(name) });

    private static string ShotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
