using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Presenter;
using LiveAssist.Operator.Accounts;
using LiveAssist.Testing;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>The studio's presenter settings (数字人形象与声音) for a live, as a merchant uses them in Chromium.</summary>
public sealed class StudioPresenterSettingsTests : ChromiumTest
{
    private const string Password = "presenter-merchant-pass";

    [Fact]
    public async Task A_merchant_uploads_a_VRM_picks_framing_and_a_voice_previews_it_and_the_live_speaks_with_it()
    {
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Operator__Accounts__0__Name"] = "chenguang",
            ["Operator__Accounts__0__PasswordHash"] = PasswordHash.Create(Password),
            ["Operator__Accounts__0__Role"] = "merchant",
        });
        using var http = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(host.BaseUrl) };
        (await http.PostAsJsonAsync("/api/account/signin", new { name = "chenguang", password = Password })).EnsureSuccessStatusCode();
        using var created = await http.PostAsJsonAsync("/api/sessions", new
        {
            title = "晨光保温杯专场", targetLanguages = new[] { "en", "es" },
            script = new[] { new { source = "这款杯子很受欢迎。", translations = new Dictionary<string, string> { ["en"] = "This cup is very popular with buyers.", ["es"] = "Esta taza es muy popular." } } },
        });
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (session.GetProperty("id").GetString()!, session.GetProperty("hostKey").GetString()!);

        await using var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, BaseURL = host.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#signin-name", "chenguang");
        await page.FillAsync("#signin-password", Password);
        await page.ClickAsync("#signin-form button[type=submit]");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("chenguang");
        await page.GotoAsync($"/#/live/{id}");
        var card = page.Locator("#presenter-settings");
        await Assertions.Expect(card.Locator("h2")).ToHaveTextAsync("数字人形象与声音", new() { Timeout = 15000 });
        await Assertions.Expect(card.Locator("input[value=builtin]")).ToBeCheckedAsync();
        await Assertions.Expect(card.Locator("input[value='azure-avatar']")).ToBeDisabledAsync(); // no Azure Speech here, and it says so
        await Assertions.Expect(card).ToContainTextAsync("需要先在引擎设置里配置 Azure 语音");
        await Assertions.Expect(card.Locator(".voice-row")).ToHaveCountAsync(2);

        // A file that is not a model is refused with the reason, in Chinese; the VRM is taken.
        await page.SetInputFilesAsync("#presenter-file", new FilePayload { Name = "photo.vrm", MimeType = "model/gltf-binary", Buffer = "GIF89a not a model"u8.ToArray() });
        await Assertions.Expect(page.Locator("#presenter-model")).ToContainTextAsync("不是 VRM 或 GLB", new() { Timeout = 10000 });
        await page.SetInputFilesAsync("#presenter-file", new FilePayload { Name = "my-presenter.vrm", MimeType = "model/gltf-binary", Buffer = TestVrm.Build() });
        await Assertions.Expect(page.Locator("#presenter-model")).ToContainTextAsync("已上传：my-presenter.vrm（VRM 1.0", new() { Timeout = 10000 });
        await Assertions.Expect(card.Locator("input[value=model]")).ToBeCheckedAsync();

        // English: British voice, female variant 3, a little faster and higher.
        var english = card.Locator(".voice-row[data-lang=en]");
        await english.Locator("select.voice").SelectOptionAsync("en-gb");
        await english.Locator("select.variant").SelectOptionAsync("f3");
        await english.Locator("input.rate").FillAsync("1.2");
        await english.Locator("input.pitch").FillAsync("10");
        await Assertions.Expect(english.Locator("output").First).ToHaveTextAsync("1.20×");
        await page.SelectOptionAsync("#presenter-framing", "head");

        // 试听 speaks the sample sentence with that voice.
        await english.Locator("button.preview-voice").ClickAsync();
        await page.WaitForFunctionAsync("window.__voicePreview && window.__voicePreview.lang === 'en' && window.__voicePreview.bytes > 20000", null, new() { Timeout = 20000 });
        Assert.Equal("audio/wav", await page.EvaluateAsync<string>("window.__voicePreview.type"));

        await page.ClickAsync("#presenter-save");
        await Assertions.Expect(page.Locator("#presenter-status")).ToContainTextAsync("已保存", new() { Timeout = 10000 });
        Directory.CreateDirectory(AvatarModelPageTests.Artifacts);
        await ShotAsync(page, card, "studio-presenter-settings");

        // Stored for this live, and the next line is spoken with it.
        var settings = await http.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/presenter");
        Assert.Equal("model", settings.GetProperty("look").GetString());
        Assert.Equal("head", settings.GetProperty("framing").GetString());
        var voice = settings.GetProperty("voices").GetProperty("en");
        Assert.Equal("en-gb+f3", voice.GetProperty("espeak").GetString());
        Assert.Equal(1.2, voice.GetProperty("rate").GetDouble());
        Assert.Equal(10, voice.GetProperty("pitch").GetInt32());
        using var anonymous = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var seq = await Captions.CaptionSessions.SayAsync(anonymous, id, key, "这款杯子很受欢迎。", final: true, 0, 8000);
        var line = await PresenterLines.GetAsync(anonymous, id, seq, "en");
        Assert.Equal("en-gb+f3", line.GetProperty("voice").GetString());
        Assert.Equal(1.2, line.GetProperty("rate").GetDouble());

        // The preview on the live page now shows the merchant's model, framed on the head.
        var preview = page.FrameLocator("#preview-avatar");
        await Assertions.Expect(preview.Locator("#presenter")).ToHaveAttributeAsync("data-look", "model", new() { Timeout = 30000 });
        await Assertions.Expect(preview.Locator("#presenter")).ToHaveAttributeAsync("data-framing", "head");

        // The same settings in English.
        await page.GotoAsync($"/?lang=en#/live/{id}");
        await Assertions.Expect(card.Locator("h2")).ToHaveTextAsync("Presenter look and voice", new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("#presenter-model")).ToContainTextAsync("Uploaded: my-presenter.vrm (VRM 1.0");
        await Assertions.Expect(card.Locator(".voice-row[data-lang=en] select.variant")).ToHaveValueAsync("f3");
        await ShotAsync(page, card, "studio-presenter-settings-en");
    }

    // The card whole, with the page's sticky header scrolled out of its way.
    private static async Task ShotAsync(IPage page, ILocator card, string name)
    {
        var box = (await card.BoundingBoxAsync())!;
        await page.ScreenshotAsync(new() { Path = Path.Combine(AvatarModelPageTests.Artifacts, name + ".png"), FullPage = true, Clip = new() { X = box.X, Y = box.Y + await page.EvaluateAsync<float>("window.scrollY"), Width = box.Width, Height = box.Height } });
    }
}
