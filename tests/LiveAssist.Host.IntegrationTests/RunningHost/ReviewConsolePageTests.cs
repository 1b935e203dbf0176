using System.Net.Http.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>Issue 19 in Chromium: the console shows a finding in Chinese with its rule and suggestion; the presenter and overlay label machine-made content.</summary>
[Collection(RunningHostCollection.Name)]
public sealed class ReviewConsolePageTests(RunningHostFixture fixture) : ChromiumTest
{
    [Fact]
    public async Task CertificateClaim_ShownOnTheConsoleInChinese_WithRuleSuggestionAndCount_AndTheOverlayNeverSaysIt()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Host.BaseUrl) };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/product") { Content = JsonContent.Create(new { productId = "YW-100234" }) })
        {
            put.Headers.Add("X-Host-Key", key);
            (await client.SendAsync(put)).EnsureSuccessStatusCode();
        }

        var context = await Browser.NewContextAsync();
        var overlay = await context.NewPageAsync();
        await overlay.GotoAsync($"{fixture.Host.BaseUrl}/overlay/{id}?lang=en&mtLabel=1");
        await overlay.WaitForFunctionAsync("document.body.dataset.connected === 'true'", null, new() { Timeout = 15000 });
        await Assertions.Expect(overlay.Locator("#mt-label")).ToHaveTextAsync("Machine-translated (AI)");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.Host.BaseUrl}/host/{id}#key={Uri.EscapeDataString(key)}");
        await Assertions.Expect(page.Locator("#live-panel")).ToBeVisibleAsync(new() { Timeout = 15000 });

        await page.FillAsync("#type-text", "这款有CE认证，一块八毛五一个。");
        await page.PressAsync("#type-text", "Enter");
        var line = page.Locator("#transcript li").First;
        var finding = line.Locator(".review .finding[data-severity='block']");
        await Assertions.Expect(finding).ToContainTextAsync("认证与商品资料不符", new() { Timeout = 15000 });
        await Assertions.Expect(finding).ToContainTextAsync("CE");
        await Assertions.Expect(finding.Locator(".suggestion")).ToContainTextAsync("FDA、LFGB");
        await Assertions.Expect(line.Locator(".review .said")).ToContainTextAsync("这款有CE认证");
        await Assertions.Expect(line.Locator(".source")).ToHaveTextAsync("一块八毛五一个。");
        await Assertions.Expect(page.Locator("#review-summary")).ToContainTextAsync("本场 1 条问题");
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "console-review-finding.png"), FullPage = true });

        var seq = await line.GetAttributeAsync("data-seq");
        await Assertions.Expect(overlay.Locator($"#caption[data-seq='{seq}']")).ToHaveCountAsync(1, new() { Timeout = 15000 });
        Assert.DoesNotContain("CE", await overlay.Locator("#caption").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MerchantReplyWithAFalseCertificate_IsCountedOnTheConsole_WithWhatWasCutAndWhy()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Host.BaseUrl) };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/product") { Content = JsonContent.Create(new { productId = "YW-100234" }) })
        {
            put.Headers.Add("X-Host-Key", key);
            (await client.SendAsync(put)).EnsureSuccessStatusCode();
        }

        var dl = new DirectLine.DirectLineClient(client);
        var credentials = await dl.ChatTokenAsync("en");
        var token = credentials.GetProperty("token").GetString()!;
        var conversation = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;
        await dl.PostMessageAsync(token, conversation, "Do you accept PayPal?", credentials.GetProperty("userId").GetString()!, "en-US", id);
        await LiveAssist.Testing.Poll.UntilAsync(async () =>
        {
            using var list = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/questions");
            list.Headers.Add("X-Host-Key", key);
            return (await (await client.SendAsync(list)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetArrayLength() > 0;
        }, TimeSpan.FromSeconds(10));
        using var questions = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/questions");
        questions.Headers.Add("X-Host-Key", key);
        var question = (await (await client.SendAsync(questions)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())[0].GetProperty("id").GetString();
        using (var reply = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/questions/{question}/reply") { Content = JsonContent.Create(new { text = "可以用PayPal，这款有CE认证。" }) })
        {
            reply.Headers.Add("X-Host-Key", key);
            (await client.SendAsync(reply)).EnsureSuccessStatusCode();
        }

        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"{fixture.Host.BaseUrl}/host/{id}#key={Uri.EscapeDataString(key)}");
        var box = page.Locator("#reply-review");
        await Assertions.Expect(box).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(box).ToContainTextAsync("您的回复 1 条");
        await Assertions.Expect(box).ToContainTextAsync("已删去");
        await Assertions.Expect(box).ToContainTextAsync("CE");
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "console-reply-review.png"), FullPage = true });
    }

    [Fact]
    public async Task AvatarPage_CarriesAVisibleAiLabel_ByDefault_WithConfigurableTextAndPosition()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Host.BaseUrl) };
        var (id, _) = await CaptionSessions.CreateAsync(client, ["en"]);
        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"{fixture.Host.BaseUrl}/avatar/{id}?lang=en");
        await Assertions.Expect(page.Locator("#ai-label")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ai-label")).ToHaveTextAsync("AI 数字人 · AI-generated presenter");

        await page.GotoAsync($"{fixture.Host.BaseUrl}/avatar/{id}?lang=en&aiLabel={Uri.EscapeDataString("AI 主播")}&aiLabelPosition=bottom-right");
        await Assertions.Expect(page.Locator("#ai-label")).ToHaveTextAsync("AI 主播");
        await Assertions.Expect(page.Locator("#ai-label")).ToHaveAttributeAsync("data-position", "bottom-right");
    }
}
