using LiveAssist.Testing;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>
/// The operator page as a Chinese operator meets it on a fresh install: the sign-in screen says where the first
/// password is (before anyone tried to sign in), goes away after sign-in, and offers no OpenID Connect link when
/// none is set up. Texts are edited in the side-by-side form: the other languages are marked out of date (and stay
/// marked after a reload) until edited, buyers get the new text at once, and a broken text saves nothing.
/// </summary>
[Collection(RunningHostCollection.Name)]
public sealed class OperatorTextsPageTests : ChromiumTest
{
    private const string Promo = "Hello! Singles' Day special: 5% off every flask today.";

    [Fact]
    public async Task FreshInstall_SignInTellsPasswordFile_FormEditMarksOtherLanguages_BotAnswersWithNewText()
    {
        var (content, settings) = RepoPaths.CopyContent();
        await using var host = await HostProcess.StartAsync(settings);
        var passwordFile = Path.GetFullPath(Path.Combine(host.DataDirectory, "operator-password.txt"));

        // The password file exists from the start, the log says where, and so does the sign-in screen.
        Assert.True(File.Exists(passwordFile), "the bootstrap password file is written at start, not at the first failed sign-in");
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(host.Output.Contains(passwordFile, StringComparison.Ordinal)), TimeSpan.FromSeconds(10)), host.Output);
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await page.GotoAsync($"{host.BaseUrl}/operator");
        await Assertions.Expect(page.Locator("#bootstrap-file")).ToHaveTextAsync(passwordFile);
        await Assertions.Expect(page.Locator("#sign-in h2")).ToHaveTextAsync("登录");
        await Assertions.Expect(page.Locator("#oidc")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, "operator-sign-in.png");

        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("用户名或密码错误。");
        await page.FillAsync("#password", File.ReadAllText(passwordFile).Trim());
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("admin · 编辑", new() { Timeout = 10000 });
        await Assertions.Expect(page.Locator("#sign-in")).ToBeHiddenAsync();

        // The form: one row per key, a column per language, Chinese first.
        var row = page.Locator("#text-table tbody tr[data-key='greetingReply']");
        await Assertions.Expect(row.Locator("td[data-lang='en'] textarea")).ToHaveValueAsync(LocaleFile.Variations("en", "greetingReply").Single());
        Assert.Equal("zh", await page.Locator("#text-table thead th[data-lang]").First.GetAttributeAsync("data-lang"));
        await Assertions.Expect(row.Locator("td.stale")).ToHaveCountAsync(0);

        // Edit the English greeting: saved, the other languages now out of date, English not.
        await row.Locator("td[data-lang='en'] textarea").FillAsync(Promo);
        await row.Locator("button.save-row").ClickAsync();
        await Assertions.Expect(page.Locator("#text-status")).ToContainTextAsync("已保存", new() { Timeout = 10000 });
        row = page.Locator("#text-table tbody tr[data-key='greetingReply']");
        var languages = (await page.Locator("#text-table thead th[data-lang]").EvaluateAllAsync<string[]>("ths => ths.map(th => th.dataset.lang)")).ToList();
        Assert.Contains("es", languages);
        foreach (var lang in languages.Where(l => l != "en"))
        {
            await Assertions.Expect(row.Locator($"td[data-lang='{lang}'] .stale-badge")).ToHaveTextAsync("待更新");
        }

        await Assertions.Expect(row.Locator("td[data-lang='en'].stale")).ToHaveCountAsync(0);
        Assert.Contains(Promo, File.ReadAllText(Path.Combine(content, "locales", "en", "bot.json")), StringComparison.Ordinal);
        Assert.Equal(Promo, await ChatGreetingAsync(host));
        await Screenshots.SaveAsync(page, "operator-texts-out-of-date.png");

        // A broken text in one language (an ICU plural left open) while English is edited too: nothing is saved.
        var esFile = Path.Combine(content, "locales", "es", "bot.json");
        var enFile = Path.Combine(content, "locales", "en", "bot.json");
        var (esBefore, enBefore) = (File.ReadAllText(esFile), File.ReadAllText(enFile));
        await row.Locator("td[data-lang='en'] textarea").FillAsync("Hi there! Welcome back.");
        await row.Locator("td[data-lang='es'] textarea").FillAsync("¡Hola! {count, plural, one {# oferta");
        await row.Locator("button.save-row").ClickAsync();
        await Assertions.Expect(row.Locator(".row-problems")).ToContainTextAsync("未保存", new() { Timeout = 10000 });
        await Assertions.Expect(row.Locator(".row-problems .error").Nth(1)).ToContainTextAsync("locales/es/bot.json");
        await Assertions.Expect(row.Locator(".row-problems .error").Nth(1)).ToContainTextAsync("没有闭合"); // the validator's English, told in Chinese
        Assert.Equal(esBefore, File.ReadAllText(esFile));
        Assert.Equal(enBefore, File.ReadAllText(enFile));
        Assert.Equal(Promo, await ChatGreetingAsync(host));
        await Screenshots.SaveAsync(page, "operator-texts-refused.png");

        // The Spanish text fixed and saved alone: Spanish is no longer out of date, the others still are, also after a reload.
        await row.Locator("button.undo-row").ClickAsync();
        row = page.Locator("#text-table tbody tr[data-key='greetingReply']");
        await row.Locator("td[data-lang='es'] textarea").FillAsync("¡Hola! Oferta del Día del Soltero: 5% de descuento en todos los termos hoy.");
        await row.Locator("button.save-row").ClickAsync();
        await Assertions.Expect(page.Locator("#text-status")).ToContainTextAsync("已保存", new() { Timeout = 10000 });
        await page.ReloadAsync();
        row = page.Locator("#text-table tbody tr[data-key='greetingReply']");
        await Assertions.Expect(row.Locator("td[data-lang='zh'] .stale-badge")).ToHaveTextAsync("待更新", new() { Timeout = 10000 });
        await Assertions.Expect(row.Locator("td[data-lang='es'].stale")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("td[data-lang='en'].stale")).ToHaveCountAsync(0);
        await page.CheckAsync("#text-stale-only");
        await Assertions.Expect(page.Locator("#text-table tbody tr[data-key]")).ToHaveCountAsync(1);

        // The raw JSON of flows is still there; the English switch turns the page English.
        await page.ClickAsync("[data-view=flows]");
        await Assertions.Expect(page.Locator("#files button[data-path='dialogs/greeting.json']")).ToBeVisibleAsync();
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("header h1")).ToHaveTextAsync("LiveAssist operator");
        await Assertions.Expect(page.Locator("[data-view=texts]")).ToHaveTextAsync("Texts (all languages)");
        await page.ClickAsync("#language");
        await page.ClickAsync("[data-view=texts]");

        // On a phone: each text is a card with a labelled box per language, nothing wider than the screen.
        var phoneContext = await Browser.NewContextAsync(new() { StorageState = await page.Context.StorageStateAsync(), ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync($"{host.BaseUrl}/operator");
        await Assertions.Expect(phone.Locator("#text-table tbody tr[data-key='greetingReply'] td[data-lang='zh'] .stale-badge")).ToBeVisibleAsync(new() { Timeout = 10000 });
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways on a phone");
        await phone.Locator("#text-table tbody tr[data-key='greetingReply']").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(phone, "operator-texts-phone-390x844.png", fullPage: false);
    }

    private async Task<string> ChatGreetingAsync(HostProcess host)
    {
        var chat = await Browser.NewPageAsync();
        await chat.GotoAsync($"{host.BaseUrl}/chat?lang=en");
        await Assertions.Expect(chat.Locator(".webchat__bubble__content").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        var input = chat.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync("hello");
        await input.PressAsync("Enter");
        var bubbles = chat.Locator(".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content");
        await Assertions.Expect(bubbles).ToHaveCountAsync(2, new() { Timeout = 15000 });
        var greeting = (await bubbles.Nth(1).InnerTextAsync()).Trim();
        await chat.CloseAsync();
        return greeting;
    }
}

/// <summary>Screenshots for a person to look at, in the test output's <c>screenshots</c> folder.</summary>
internal static class Screenshots
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task SaveAsync(IPage page, string name, bool fullPage = true)
    {
        System.IO.Directory.CreateDirectory(Directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Directory, name), FullPage = fullPage });
    }
}
