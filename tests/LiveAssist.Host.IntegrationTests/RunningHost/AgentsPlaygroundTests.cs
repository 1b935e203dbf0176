using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Testing;
using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>
/// The bot as a Teams buyer meets it: the Microsoft 365 Agents Playground (npm, msteams mode, offline) in front of
/// the real host, driven through its own web UI in Chromium. Its connector answers card sends with 202 and no body.
/// </summary>
public sealed class AgentsPlaygroundTests : ChromiumTest
{
    [Fact]
    public async Task TeamsClient_CardAnswerWithNoError_SpanishAnsweredInSpanish_GroupQuoteFinishedPrivately_BelowMoqRefused()
    {
        await using var host = await HostProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var (session, key) = await CreateLiveAsync(http);
        var port = HostProcess.FreePort();
        using var playground = await StartPlaygroundAsync(host.BaseUrl + "/api/messages", port);
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        try
        {
            await page.GotoAsync($"http://127.0.0.1:{port}/");
            await SeesAsync(page, Fixed("en", "welcome"));

            // A card answer, and nothing after it: the Connector's 202 is a delivery, not a failure.
            await SayAsync(page, "how much is this?", mention: false);
            await SeesAsync(page, "YW-100234");
            await SeesAsync(page, Fixed("en", "card.getQuote"));
            await Task.Delay(1500);
            Assert.DoesNotContain(Fixed("en", "error")[0], await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);

            // The client says en-US; the buyer writes Spanish and is answered in Spanish.
            await SayAsync(page, "¿Cuál es el pedido mínimo de este?", mention: false);
            await SeesAsync(page, Fixed("es", "qa.moq"));
            await page.ScreenshotAsync(new() { Path = Shot("playground-personal.png") });

            // A group chat: the quote flow to the end, every step with an @mention; a quantity below the MOQ is refused.
            await page.GetByText("Group Chat", new() { Exact = true }).ClickAsync();
            await SeesAsync(page, Fixed("en", "teams.intro"));
            await SayAsync(page, "quote request", mention: true);
            await SeesAsync(page, Fixed("en", "quote.askProduct"));
            await SayAsync(page, "YW-100234", mention: true);
            await SeesAsync(page, Fixed("en", "quote.askQty"));
            await SayAsync(page, "100", mention: true);
            await SeesAsync(page, Fixed("en", "quote.belowMoq"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes", Exact = true }).Last.ClickAsync(); // a card button: no mention needed
            await SeesAsync(page, Fixed("en", "quote.askCountry"));
            await SayAsync(page, "Brazil", mention: true);

            // Contact details are not for the group: the bot opens a 1:1 chat (Connector POST /v3/conversations) and asks there.
            await SeesAsync(page, Fixed("en", "quote.contactPrivate"));
            await page.ScreenshotAsync(new() { Path = Shot("playground-group.png"), FullPage = true });
            Assert.DoesNotContain(Fixed("en", "error")[0], await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
            await page.GetByText("Personal Chat", new() { Exact = true }).First.ClickAsync();
            await SeesAsync(page, Fixed("en", "quote.askContactPrivate"));
            await SayAsync(page, "ada@example.com", mention: false);
            await SeesAsync(page, Fixed("en", "quote.confirm"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes", Exact = true }).Last.ClickAsync();
            await SeesAsync(page, Fixed("en", "quote.saved"));
            await page.ScreenshotAsync(new() { Path = Shot("playground-private.png"), FullPage = true });
            Assert.DoesNotContain(Fixed("en", "error")[0], await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);

            using var leads = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{session}/leads.csv");
            leads.Headers.Add("X-Host-Key", key);
            var csv = await (await http.SendAsync(leads)).Content.ReadAsStringAsync();
            var lead = Assert.Single(csv.Split("\r\n"), l => l.Contains("ada@example.com", StringComparison.Ordinal)).Split(',');
            Assert.Equal(["YW-100234", "500", "1.85", "925.00", "USD", "BR"], lead[1..2].Concat(lead[3..8])); // the MOQ, never 100
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            throw new Xunit.Sdk.XunitException(ex.Message + "\nhost output:\n" + (host.Output.Length > 8000 ? host.Output[^8000..] : host.Output));
        }
        finally
        {
            await page.CloseAsync();
            playground.Kill(entireProcessTree: true);
        }
    }

    private static string Shot(string name) => Path.Combine(RepoPaths.NewTempDirectory("liveassist-shots"), name);

    /// <summary>For each variation of a text, its longest piece that no slot changes: one of them must appear on screen.</summary>
    private static string[] Fixed(string language, string key) => [.. LocaleFile.Variations(language, key).Select(FixedPiece)];

    private static string FixedPiece(string template)
    {
        var pieces = new List<string>();
        var current = new System.Text.StringBuilder();
        var depth = 0;
        foreach (var c in template)
        {
            if (c == '{')
            {
                if (depth++ == 0)
                {
                    pieces.Add(current.ToString());
                    current.Clear();
                }
            }
            else if (c == '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                current.Append(c);
            }
        }

        pieces.Add(current.ToString());
        return pieces.Select(p => p.Trim()).MaxBy(p => p.Length)!;
    }

    private static async Task SayAsync(IPage page, string text, bool mention)
    {
        var box = page.Locator("textarea, [contenteditable=true]").First;
        await box.ClickAsync();
        if (mention)
        {
            // As a Teams user does: "@", then the bot picked from the mention list.
            await box.PressSequentiallyAsync("@");
            await page.GetByRole(AriaRole.Menuitem, new() { NameRegex = new System.Text.RegularExpressions.Regex("Test Bot") }).First.ClickAsync();
            await box.PressSequentiallyAsync(" ");
        }

        await box.PressSequentiallyAsync(text);
        await page.Keyboard.PressAsync("Enter");
    }

    private static Task SeesAsync(IPage page, string text) => SeesAsync(page, [text]);

    private static async Task SeesAsync(IPage page, string[] anyOf)
    {
        var seen = await Poll.UntilAsync(async () => anyOf.Any((await page.Locator("body").InnerTextAsync()).Contains), TimeSpan.FromSeconds(20));
        Assert.True(seen, $"“{anyOf[0]}” never appeared:\n{await page.Locator("body").InnerTextAsync()}");
    }

    private static async Task<(string Id, string Key)> CreateLiveAsync(HttpClient http)
    {
        using var created = await http.PostAsJsonAsync("/api/sessions", new { title = "Teams live", shopId = "S-88123", targetLanguages = new[] { "en", "es" } });
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (session.GetProperty("id").GetString()!, session.GetProperty("hostKey").GetString()!);
        using var product = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/product") { Content = JsonContent.Create(new { productId = "YW-100234" }) };
        product.Headers.Add("X-Host-Key", key);
        (await http.SendAsync(product)).EnsureSuccessStatusCode();
        return (id, key);
    }

    private static async Task<Process> StartPlaygroundAsync(string endpoint, int port)
    {
        var cli = Path.Combine(RepoPaths.Root, "tests", "node", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException("The Agents Playground is missing: run scripts/test.sh, which installs tests/node.");
        }

        var start = new ProcessStartInfo("node", [cli, "-e", endpoint, "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dt"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return process;
    }
}
