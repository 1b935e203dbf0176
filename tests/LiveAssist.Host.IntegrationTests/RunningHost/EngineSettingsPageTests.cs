using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Operator.Accounts;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>
/// The engine settings page against a loopback fake of Azure Translator: a wrong key is told apart from a good one
/// in Chinese, bad input saves nothing, the saved key is encrypted on disk and never comes back to the browser, and
/// after a restart the captions are made by the saved engine.
/// </summary>
[Collection(RunningHostCollection.Name)]
public sealed class EngineSettingsPageTests : ChromiumTest
{
    private const string Password = "engine-settings-pass";
    private const string GoodKey = "c0ffee00translator00key00a1b2";
    private const string WrongKey = "deadbeef-wrong-key-0000";

    [Fact]
    public async Task Editor_TestsWrongAndGoodKey_SavesEncrypted_AfterRestartCaptionsUseAzure()
    {
        await using var translator = await LoopbackServer.StartAsync((routes, _) =>
        {
            routes.MapPost("/translate", (Delegate)TranslateAsync);
            routes.MapGet("/languages", () => Results.Json(new { translation = new { en = new { name = "English" } } }));
        });
        var settings = new Dictionary<string, string>
        {
            ["Operator__Accounts__0__Name"] = "ops",
            ["Operator__Accounts__0__PasswordHash"] = PasswordHash.Create(Password),
            ["Operator__Accounts__0__Role"] = "editor",
        };
        var host = await HostProcess.StartAsync(settings);
        var dataDirectory = host.DataDirectory;
        try
        {
            var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
            await SignInAsync(page, host);
            await page.ClickAsync("[data-view=engines]");
            await Assertions.Expect(page.Locator("#engine-health tbody tr", new() { HasText = "offline" })).ToContainTextAsync("正常", new() { Timeout = 15000 });

            // Test before saving: the wrong key is refused with a Chinese reason, the good one translates.
            await page.FillAsync("#at-key", WrongKey);
            await page.FillAsync("#at-region", "eastasia");
            await page.FillAsync("#at-endpoint", translator.BaseUrl);
            await page.ClickAsync("button.test[data-engine='azure-translator']");
            var result = page.Locator("[data-result='azure-translator']");
            await Assertions.Expect(result).ToContainTextAsync("密钥被拒绝（401）", new() { Timeout = 15000 });
            await Screenshots.SaveAsync(page, "engines-wrong-key.png");
            await page.FillAsync("#at-key", GoodKey);
            await page.ClickAsync("button.test[data-engine='azure-translator']");
            await Assertions.Expect(result).ToContainTextAsync("连接成功", new() { Timeout = 15000 });
            await Assertions.Expect(result).ToContainTextAsync("[en]");

            // A server that is not running: told as such.
            await page.FillAsync("#oa-base", $"http://127.0.0.1:{HostProcess.FreePort()}/v1");
            await page.FillAsync("#oa-model", "qwen2.5:7b");
            await page.ClickAsync("button.test[data-engine='openai']");
            await Assertions.Expect(page.Locator("[data-result='openai']")).ToContainTextAsync("连接被拒绝", new() { Timeout = 15000 });
            await page.FillAsync("#oa-base", "");
            await page.FillAsync("#oa-model", "");

            // Bad input: nothing saved, the field says why.
            var settingsFile = Path.Combine(dataDirectory, "engine-settings.dat");
            await page.CheckAsync("#use-azure-translator");
            await page.FillAsync("#at-endpoint", "ftp://api.translator.azure.cn");
            await page.FillAsync("#at-region", "East Asia!");
            await page.ClickAsync("#engine-save");
            await Assertions.Expect(page.Locator("#engine-status")).ToContainTextAsync("未保存");
            await Assertions.Expect(page.Locator(".field-error[data-field='azureTranslator.endpoint']")).ToContainTextAsync("https://");
            await Assertions.Expect(page.Locator(".field-error[data-field='azureTranslator.region']")).ToContainTextAsync("区域");
            Assert.False(File.Exists(settingsFile), "a refused save wrote the settings file");
            await Screenshots.SaveAsync(page, "engines-bad-input.png");

            // Saved: the page shows only a hint, the file holds no key in clear, the API never returns it.
            await page.FillAsync("#at-endpoint", translator.BaseUrl);
            await page.FillAsync("#at-region", "eastasia");
            await page.ClickAsync("#engine-save");
            await Assertions.Expect(page.Locator("#engine-status")).ToHaveTextAsync("已保存。", new() { Timeout = 10000 });
            await Assertions.Expect(page.Locator("#engines-restart")).ToBeVisibleAsync();
            Assert.Equal(string.Empty, await page.InputValueAsync("#at-key"));
            Assert.Contains("••••" + GoodKey[^4..], await page.GetAttributeAsync("#at-key", "placeholder"), StringComparison.Ordinal);
            var stored = File.ReadAllText(settingsFile);
            Assert.DoesNotContain(GoodKey, stored, StringComparison.Ordinal);
            Assert.DoesNotContain("eastasia", stored, StringComparison.Ordinal); // the whole file is encrypted, not only the key
            var view = await page.EvaluateAsync<string>("async () => (await fetch('/operator/api/engines')).text()");
            Assert.DoesNotContain(GoodKey, view, StringComparison.Ordinal);
            Assert.Contains("••••" + GoodKey[^4..], JsonDocument.Parse(view).RootElement.GetProperty("azureTranslator").GetProperty("keyHint").GetString(), StringComparison.Ordinal);
            await Screenshots.SaveAsync(page, "engines-saved.png");

            // The saved key is used when the key box is left empty.
            await page.ClickAsync("button.test[data-engine='azure-translator']");
            await Assertions.Expect(result).ToContainTextAsync("连接成功", new() { Timeout = 15000 });
            Assert.Contains(translator.Requests, r => r.Path.StartsWith("/translate", StringComparison.Ordinal) && r.Headers.GetValueOrDefault("Ocp-Apim-Subscription-Key") == GoodKey);

            // After a restart the engines run with it: captions come from Azure (the fake), and the page says it is healthy.
            await host.DisposeAsync();
            host = await HostProcess.StartAsync(settings, dataDirectory);
            using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
            var (id, hostKey) = await CaptionSessions.CreateAsync(http, ["en"]);
            await CaptionSessions.SayAsync(http, id, hostKey, "欢迎大家来到直播间。", final: true, 0, 2000);
            string? export = null;
            Assert.True(await Poll.UntilAsync(async () =>
            {
                export = await http.GetStringAsync($"/api/sessions/{id}/captions.json?lang=en");
                return export.Contains("[en] xxxxxxxxx", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(15)), export);
            Assert.Contains("\"engine\": \"azure\"", export!.Replace("\":\"", "\": \"", StringComparison.Ordinal), StringComparison.Ordinal);

            var after = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            await SignInAsync(after, host);
            await after.ClickAsync("[data-view=engines]");
            await Assertions.Expect(after.Locator("#engine-health tbody tr", new() { HasText = "azure" })).ToContainTextAsync("正常", new() { Timeout = 15000 });
            await Assertions.Expect(after.Locator("#engines-restart")).ToBeHiddenAsync();
            Assert.True(await after.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the settings page scrolls sideways on a phone");
            await Screenshots.SaveAsync(after, "engines-phone-390x844.png", fullPage: false);
            await Screenshots.SaveAsync(after, "engines-phone-390x844-full.png");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task SignInAsync(IPage page, HostProcess host)
    {
        await page.GotoAsync($"{host.BaseUrl}/operator");
        await page.FillAsync("#name", "ops");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("ops · 编辑", new() { Timeout = 10000 });
    }

    /// <summary>Like the service: 401 for any key but the good one; otherwise every text "translated" into every <c>to</c>.</summary>
    private static async Task<IResult> TranslateAsync(HttpRequest request)
    {
        if (request.Headers["Ocp-Apim-Subscription-Key"] != GoodKey)
        {
            return Results.Json(new { error = new { code = 401000, message = "The request is not authorized because credentials are missing or invalid." } }, statusCode: 401);
        }

        var texts = (await JsonDocument.ParseAsync(request.Body)).RootElement.EnumerateArray().Select(e => e.GetProperty("Text").GetString()!).ToList();
        var targets = request.Query["to"].ToArray();
        return Results.Json(texts.Select(text => new
        {
            translations = targets.Select(to => new { text = $"[{to}] " + new string([.. text.Select(c => c is >= '\u4E00' and <= '\u9FFF' ? 'x' : c)]), to }),
        }));
    }
}
