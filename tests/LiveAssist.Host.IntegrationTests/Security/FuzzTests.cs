using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Operator.Accounts;
using LiveAssist.Testing;
using Xunit.Abstractions;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>
/// A bounded fuzz run over the public surface, in memory (nothing leaves the process): activities, Direct Line
/// calls, flow and locale files, caption text. It stops by itself after a count or a time budget, whichever comes
/// first (<c>LIVEASSIST_FUZZ_INPUTS</c>, <c>LIVEASSIST_FUZZ_SECONDS</c>; seed in <c>LIVEASSIST_FUZZ_SEED</c>), and
/// asserts that no input got a server error (5xx other than a budget's 503) and that the host still answers.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const string Password = "fuzz-pass-1";
    private static readonly string Hash = PasswordHash.Create(Password);

    private static readonly string[] Nasty =
    [
        "", " ", "\0", "\uFFFE", "\uFFFF", "\uD800", "\uDC00x", "\u202Eevil", "\r\n\r\n", "{", "}", "{{{{", "{n, plural, other {#}}", "{n, plural, one {", "#",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "![p](http://127.0.0.1:1/p)", "' OR 1=1 --", "%00", "../../etc/passwd",
        "urn:liveassist:directline/", "javascript:alert(1)", "http://127.0.0.1:9/", "file:///etc/passwd", "null", "true", "-1", "1e309", "NaN", "9999999999999999999999",
        "保温杯多少钱", "¿cuánto cuesta?", "كم السعر", "сколько стоит", "🧪🧪🧪", new string('x', 5000), new string('{', 300), string.Concat(Enumerable.Repeat("{a, plural, other {", 50)),
    ];

    [Fact]
    public async Task Fuzz_PublicSurface_NoServerErrorsAndHostStillAnswers()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LIVEASSIST_FUZZ_SEED"), out var s) ? s : 20261201;
        var maxInputs = int.TryParse(Environment.GetEnvironmentVariable("LIVEASSIST_FUZZ_INPUTS"), out var n) ? n : 3000;
        var budget = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("LIVEASSIST_FUZZ_SECONDS"), out var t) ? t : 60);
        var random = new Random(seed);
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            // Budgets high enough that inputs reach the code behind them; the budgets have their own tests.
            ["RateLimits:BuyerTurnsPerMinute"] = "100000",
            ["RateLimits:ChatTokenPermitsPerMinute"] = "100000",
            ["RateLimits:PublicPermitsPerMinute"] = "100000",
            ["RateLimits:SignInPermitsPerMinute"] = "10000",
            ["RateLimits:DirectLinePermitsPerMinute"] = "1000000",
            ["Operator:Accounts:0:Name"] = "fuzz",
            ["Operator:Accounts:0:PasswordHash"] = Hash,
            ["Operator:Accounts:0:Role"] = "viewer",
        });
        using var client = factory.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = false });
        using (var login = await client.PostAsJsonAsync("/operator/login", new { name = "fuzz", password = Password }))
        {
            login.EnsureSuccessStatusCode();
        }

        var token = (await (await client.PostAsync("/chat/token?lang=en", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var conversationId = (await StartAsync(client, token)).GetProperty("conversationId").GetString()!;
        var (sessionId, hostKey) = await CaptionSessions.CreateAsync(client, ["en", "es"]);
        var flows = Directory.GetFiles(RepoPaths.Dialogs, "*.json").Where(f => !f.EndsWith("schema.json", StringComparison.Ordinal)).Select(File.ReadAllText).ToArray();
        var locales = Directory.GetFiles(RepoPaths.Locales, "*.json", SearchOption.AllDirectories).Select(f => (Path: Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'), Text: File.ReadAllText(f))).ToArray();

        var counts = new Dictionary<string, int>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var tried = 0;
        while (tried < maxInputs && clock.Elapsed < budget)
        {
            var kind = (tried % 4) switch { 0 => "activity", 1 => "directline", 2 => "content", _ => "caption" };
            using var request = kind switch
            {
                "activity" => ActivityRequest(random),
                "directline" => DirectLineRequest(random, token, conversationId),
                "content" => ContentRequest(random, flows, locales),
                _ => CaptionRequest(random, sessionId, hostKey),
            };
            var description = $"{request.Method} {request.RequestUri}";
            try
            {
                using var response = await client.SendAsync(request);
                if (IsServerError(response.StatusCode))
                {
                    failures.Add($"{(int)response.StatusCode} {description}: {Truncate(await response.Content.ReadAsStringAsync())}");
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add($"exception {description}: {ex.GetType().Name} {ex.Message}");
            }

            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            tried++;
            if (tried % 200 == 0)
            {
                await ReadBackAsync(client, sessionId, failures);
            }
        }

        await ReadBackAsync(client, sessionId, failures);
        using var health = await client.GetAsync("/healthz");
        output.WriteLine($"fuzz: seed {seed}, {tried} inputs in {clock.Elapsed.TotalSeconds:F0} s ({string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}), {failures.Count} server errors");
        foreach (var failure in failures.Take(20))
        {
            output.WriteLine(failure);
        }

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(tried >= Math.Min(maxInputs, 100), $"only {tried} inputs were tried");
        Assert.Empty(failures);
    }

    private static async Task ReadBackAsync(HttpClient client, string sessionId, List<string> failures)
    {
        foreach (var path in new[] { $"/api/sessions/{sessionId}/captions.vtt?lang=en", $"/api/sessions/{sessionId}/captions.srt?lang=es", $"/api/sessions/{sessionId}/captions.json?lang=en",
            $"/api/sessions/{sessionId}/speech.json?lang=en", "/readyz" })
        {
            using var response = await client.GetAsync(path);
            if (IsServerError(response.StatusCode))
            {
                failures.Add($"{(int)response.StatusCode} GET {path}: {Truncate(await response.Content.ReadAsStringAsync())}");
            }
        }
    }

    private static async Task<JsonElement> StartAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static HttpRequestMessage ActivityRequest(Random random)
    {
        var activity = new JsonObject
        {
            ["type"] = Pick(random, ["message", "message", "conversationUpdate", "invoke", "event", "typing", "messageReaction", "endOfConversation", "installationUpdate", "bogus"]),
            ["id"] = "f-" + random.Next(),
            ["channelId"] = Pick(random, ["webchat", "msteams", "emulator", "directline", "sms", ""]),
            ["serviceUrl"] = Pick(random, ["http://127.0.0.1:9/", "urn:liveassist:directline/", "javascript:alert(1)", "", "http://[::1]:9/"]),
            ["text"] = Text(random),
            ["locale"] = Pick(random, ["en-US", "es", "zh-CN", "ar", "xx-INVALID-" + new string('y', 40), ""]),
            ["from"] = new JsonObject { ["id"] = "fuzz-" + random.Next(5) },
            ["recipient"] = new JsonObject { ["id"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = "fuzz-c-" + random.Next(20) },
            ["deliveryMode"] = random.Next(2) == 0 ? "expectReplies" : null,
            ["name"] = Pick(random, ["", "adaptiveCard/action", "composeExtension/query", "task/fetch", "webchat/join"]),
            ["value"] = random.Next(3) == 0 ? new JsonObject { ["action"] = "getQuote", ["productId"] = Pick(random, ["YW-100234", Text(random)]) } : JsonValue.Create(Text(random)),
            ["channelData"] = new JsonObject { ["sessionId"] = Text(random) },
            ["membersAdded"] = random.Next(3) == 0 ? new JsonArray(new JsonObject { ["id"] = Text(random) }) : null,
        };
        var json = Mutate(random, activity.ToJsonString());
        return new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    private static HttpRequestMessage DirectLineRequest(Random random, string token, string conversationId)
    {
        // No NUL in paths: the in-memory test server refuses to build such a request (Kestrel answers 400).
        var conversation = Pick(random, [conversationId, conversationId, "other-" + random.Next(), Uri.EscapeDataString(Text(random).Replace("\0", "", StringComparison.Ordinal)) is { Length: > 0 } e ? e : "x"]);
        var (method, path) = random.Next(7) switch
        {
            0 => (HttpMethod.Post, "/tokens/refresh"),
            1 => (HttpMethod.Post, "/tokens/generate"),
            2 => (HttpMethod.Post, "/conversations"),
            3 => (HttpMethod.Get, $"/conversations/{conversation}?watermark={Uri.EscapeDataString(Text(random))}"),
            4 => (HttpMethod.Get, $"/conversations/{conversation}/activities?watermark={Uri.EscapeDataString(Pick(random, ["-1", "0", "99999999999999999999", "abc", Text(random)]))}"),
            5 => (HttpMethod.Post, $"/conversations/{conversation}/upload"),
            _ => (HttpMethod.Post, $"/conversations/{conversation}/activities"),
        };
        var request = new HttpRequestMessage(method, "/v3/directline" + path);
        var bearer = Pick(random, [token, token, token, "garbage", token[..^2] + "xx", "", Text(random)]);
        if (bearer.Length > 0 && bearer.All(c => c is > ' ' and < (char)127))
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }

        if (method == HttpMethod.Post)
        {
            var body = new JsonObject
            {
                ["type"] = Pick(random, ["message", "conversationUpdate", "event", "typing", "nonsense"]),
                ["text"] = Text(random),
                ["from"] = new JsonObject { ["id"] = Pick(random, ["u1", "", Text(random)]), ["name"] = Text(random) },
                ["user"] = new JsonObject { ["id"] = Text(random), ["name"] = Text(random) },
                ["locale"] = Text(random),
                ["channelData"] = new JsonObject { ["sessionId"] = Text(random) },
            };
            request.Content = new StringContent(Mutate(random, body.ToJsonString()), Encoding.UTF8, Pick(random, ["application/json", "application/json", "text/plain", "application/x-www-form-urlencoded"]));
        }

        return request;
    }

    private static HttpRequestMessage ContentRequest(Random random, string[] flows, (string Path, string Text)[] locales)
    {
        string path, text;
        if (random.Next(2) == 0)
        {
            path = "dialogs/fuzz-" + random.Next(3) + ".json";
            text = Mutate(random, flows[random.Next(flows.Length)]);
        }
        else
        {
            var locale = locales[random.Next(locales.Length)];
            path = random.Next(4) == 0 ? Pick(random, ["../appsettings.json", "locales/../x.json", "locales/en/" + Text(random) + ".json"]) : locale.Path;
            text = random.Next(3) == 0
                ? JsonSerializer.Serialize(new Dictionary<string, string> { ["fuzz.key"] = Template(random) })
                : Mutate(random, locale.Text);
        }

        var endpoint = random.Next(4) == 0 ? "/operator/api/preview" : "/operator/api/validate";
        object body = endpoint.EndsWith("preview", StringComparison.Ordinal)
            ? new { drafts = new Dictionary<string, string> { [path] = text }, conversation = "fuzz-preview", text = Text(random), locale = "en", start = random.Next(2) == 0 }
            : new { path, text };
        return new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = JsonContent.Create(body) };
    }

    private static HttpRequestMessage CaptionRequest(Random random, string sessionId, string hostKey)
    {
        var start = random.Next(3) == 0 ? (long?)random.Next(-10, 100_000) : null;
        var body = Mutate(random, JsonSerializer.Serialize(new { text = Text(random) + Text(random), final = random.Next(3) != 0, startMs = start, endMs = start is null ? null : start + random.Next(-5, 5000) }));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/utterances") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Host-Key", random.Next(10) == 0 ? "wrong" : hostKey);
        return request;
    }

    private static string Text(Random random)
    {
        var parts = random.Next(1, 4);
        var builder = new StringBuilder();
        for (var i = 0; i < parts; i++)
        {
            builder.Append(random.Next(3) switch
            {
                0 => Nasty[random.Next(Nasty.Length)],
                1 => RandomChars(random, random.Next(0, 40)),
                _ => Pick(random, ["how much", "MOQ?", "2000", "YW-100234", "#3", "can I talk to the seller?", "price for 500 pieces to Spain", "yes", "cancel"]),
            });
        }

        return builder.ToString();
    }

    private static string Template(Random random)
    {
        var builder = new StringBuilder();
        for (var i = random.Next(1, 12); i > 0; i--)
        {
            builder.Append(Pick(random, ["{qty}", "{qty, plural, one {# piece} other {# pieces}}", "{", "}", "#", "{n, plural, =0 {none} other {", "{x, select, a {b}}", "text ", "{ , plural, other {}}"]));
        }

        return builder.ToString();
    }

    private static string RandomChars(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(4) switch
            {
                0 => (char)random.Next(0, 0x20),
                1 => (char)random.Next(0x20, 0x7F),
                2 => (char)random.Next(0x4E00, 0x9FFF),
                _ => (char)random.Next(0, 0x10000),
            };
        }

        return new string(chars);
    }

    // Byte-level damage to a valid document: truncation, a flipped character, a duplicated or deleted slice.
    private static string Mutate(Random random, string json)
    {
        if (json.Length == 0 || random.Next(3) == 0)
        {
            return json;
        }

        var at = random.Next(json.Length);
        return random.Next(5) switch
        {
            0 => json[..at],
            1 => json[..at] + (char)random.Next(0x20, 0x7F) + json[Math.Min(json.Length, at + 1)..],
            2 => json[..at] + json[at..Math.Min(json.Length, at + random.Next(1, 200))] + json[at..],
            3 => json[..at] + json[Math.Min(json.Length, at + random.Next(1, 50))..],
            _ => json.Insert(at, Pick(random, ["null", "[]", "{}", "\"", "\\u0000", "1e400", "\"\\uFFFE\""])),
        };
    }

    // 503 is a budget or a degraded capability saying "not now"; 501 is Direct Line's documented answer to uploads.
    private static bool IsServerError(HttpStatusCode status)
        => (int)status >= 500 && status is not HttpStatusCode.ServiceUnavailable and not HttpStatusCode.NotImplemented;

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
