using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>
/// A buyer on a phone (390×844) in the stock Web Chat, in Spanish and Arabic: a card answer with its picture, a
/// "which one?" question with buttons that answers when one is tapped, and a freight estimate. Screenshots kept.
/// </summary>
[Collection(RunningHostCollection.Name)]
public sealed class PhoneChatTests(RunningHostFixture fixture) : ChromiumTest
{
    [Theory]
    [InlineData("es", "¿cuánto cuesta este?", "¿tienen muestras de la cinta métrica?", "¿cuánto cuesta el envío a México de 1000 piezas?", "ltr")]
    [InlineData("ar", "كم سعر هذا؟", "هل لديكم عينات من شريط القياس؟", "كم تكلفة الشحن إلى السعودية لـ 1000 قطعة؟", "rtl")]
    public async Task Phone_CardAnswer_ChoiceQuestion_FreightEstimate(string lang, string price, string ambiguous, string freight, string direction)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Host.BaseUrl) };
        using var created = await http.PostAsJsonAsync("/api/sessions", new { title = "Phone live " + lang, targetLanguages = new[] { lang } });
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (session.GetProperty("id").GetString()!, session.GetProperty("hostKey").GetString()!);
        using var current = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/product") { Content = JsonContent.Create(new { productId = "YW-100234" }) };
        current.Headers.Add("X-Host-Key", key);
        (await http.SendAsync(current)).EnsureSuccessStatusCode();

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true });
        await page.GotoAsync($"{fixture.Host.BaseUrl}/chat?lang={lang}&session={id}");
        await Assertions.Expect(page.Locator(".webchat__bubble__content").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);

        // A card answer: the product's picture loads (drawn by the host, no broken link) and the card reads in the page's direction.
        await SendAsync(page, price);
        var card = page.Locator(".ac-adaptiveCard").Last;
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 15000 });
        var picture = card.Locator("img").First;
        await Assertions.Expect(picture).ToBeVisibleAsync();
        Assert.True(await picture.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"), "the product picture did not load");
        Assert.Equal(direction, await card.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), "the page scrolls sideways on a phone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"phone-{lang}-card.png") });

        // Four tape measures fit: the bot asks which one with buttons; tapping one answers the question about it.
        await SendAsync(page, ambiguous);
        var which = LocaleFile.Variations(lang, "qa.chooseProduct")[0];
        await Assertions.Expect(page.GetByText(which).Last).ToBeVisibleAsync(new() { Timeout = 15000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"phone-{lang}-choices.png") });
        var buttons = page.Locator(".ac-pushButton", new() { HasText = "Tape Measure" });
        Assert.True(await buttons.CountAsync() >= 2, "expected a button per tape measure");
        await buttons.First.ClickAsync();
        var samples = LocaleFile.Variations(lang, "qa.samples")[0];
        await Assertions.Expect(page.Locator(".webchat__bubble__content", new() { HasText = Literal(samples) }).Last).ToBeVisibleAsync(new() { Timeout = 15000 });

        // Freight: an estimate with cartons, volume and a total, and said to be an estimate.
        await SendAsync(page, freight);
        var estimate = page.Locator(".webchat__bubble__content", new() { HasText = "m³" }).Last;
        await Assertions.Expect(estimate).ToBeVisibleAsync(new() { Timeout = 15000 });
        Assert.True(LocaleFile.IsVariation(lang, "qa.freight", (await estimate.InnerTextAsync()).Trim()), await estimate.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"phone-{lang}-freight.png") });
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var input = page.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    // The longest fixed piece of a template, to find its bubble whatever the slots became.
    private static string Literal(string template)
        => System.Text.RegularExpressions.Regex.Split(template, @"\{[^{}]*(\{[^{}]*\}[^{}]*)*\}").Select(p => p.Trim()).MaxBy(p => p.Length)!;
}
