using System.Diagnostics;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Testing;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>The OBS overlay in Debian's Chromium, against a host that is killed and started again.</summary>
public sealed class OverlayPageTests : ChromiumTest
{
    [Fact]
    public async Task Overlay_shows_a_posted_caption_within_a_second_and_again_after_the_server_restarts()
    {
        var dataDirectory = RepoPaths.NewTempDirectory("liveassist-overlay");
        var port = HostProcess.FreePort();
        var host = await HostProcess.StartAsync(dataDirectory: dataDirectory, port: port);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
            var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "ar"]);
            var page = await Browser.NewPageAsync();
            await page.GotoAsync($"{host.BaseUrl}/overlay/{id}?lang=en&fontSize=40&position=top");
            await page.WaitForFunctionAsync("document.body.dataset.connected === 'true'", null, new() { Timeout = 15000 });
            Assert.Equal("rgba(0, 0, 0, 0)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
            Assert.Equal("40px", await page.EvaluateAsync<string>("getComputedStyle(document.body).fontSize"));

            var clock = Stopwatch.StartNew();
            await CaptionSessions.SayAsync(client, id, key, "晨光保温杯<b>现货</b>三千件。", final: true, 0, 2500);
            await page.WaitForFunctionAsync("document.getElementById('caption').textContent.includes('3,000')", null, new() { Timeout = 1000, PollingInterval = 20 });
            var shownAfter = clock.ElapsedMilliseconds;
            var text = await page.Locator("#caption").TextContentAsync();
            Assert.Contains("Chenguang", text, StringComparison.Ordinal);
            Assert.Contains("Vacuum Flask", text, StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("#caption b").CountAsync()); // the host's markup is text, not HTML
            Assert.StartsWith("offline", await page.Locator("#engine").GetAttributeAsync("data-engine"));
            Console.WriteLine($"overlay showed the caption {shownAfter} ms after it was posted");

            // Kill the server; start it again on the same address; the page reconnects by itself.
            await host.KillAsync();
            await host.DisposeAsync();
            await page.WaitForFunctionAsync("document.body.dataset.connected === 'false'", null, new() { Timeout = 15000 });
            host = await HostProcess.StartAsync(dataDirectory: dataDirectory, port: port);
            await page.WaitForFunctionAsync("document.body.dataset.connected === 'true'", null, new() { Timeout = 20000 });
            await CaptionSessions.SayAsync(client, id, key, "五百个起批。", final: true, 3000, 5000);
            await page.WaitForFunctionAsync("document.getElementById('caption').textContent.includes('500')", null, new() { Timeout = 5000 });

            // A fresh overlay (OBS reloading its source) shows the latest caption from storage.
            var reloaded = await Browser.NewPageAsync();
            await reloaded.GotoAsync($"{host.BaseUrl}/overlay/{id}?lang=ar");
            await reloaded.WaitForFunctionAsync("document.getElementById('caption').textContent.includes('500')", null, new() { Timeout = 5000 });
            Assert.Equal("rtl", await reloaded.Locator("#caption").GetAttributeAsync("dir"));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Overlay_shows_the_product_card_when_the_host_puts_a_product_on_screen()
    {
        await using var host = await HostProcess.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["es"]);
        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/overlay/{id}?lang=es");
        await page.WaitForFunctionAsync("document.body.dataset.connected === 'true'", null, new() { Timeout = 15000 });

        var product = SampleCatalogProduct();
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/product") { Content = System.Net.Http.Json.JsonContent.Create(new { productId = product.Id }) };
        put.Headers.Add("X-Host-Key", key);
        (await client.SendAsync(put)).EnsureSuccessStatusCode();

        await Assertions.Expect(page.Locator("#card")).ToBeVisibleAsync(new() { Timeout = 5000 });
        Assert.Equal(product.Id, await page.Locator("#card").GetAttributeAsync("data-product"));
        Assert.Contains("Pedido mín.", await page.Locator("#card").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(product.Moq.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("es")), await page.Locator("#card-moq").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static (string Id, int Moq) SampleCatalogProduct()
    {
        var id = BuyerQa.SampleCatalog.FirstId;
        return (id, BuyerQa.SampleCatalog.Moq(id));
    }
}
