using System.Globalization;
using System.Net.Http.Json;
using LiveAssist.LoadTests;
using LiveAssist.Testing;

// Usage: dotnet run -c Release --project tests/LiveAssist.LoadTests -- [--seconds N] [--connections N] [--conversations N]
//        [--products N] [--warmup N] [--skip-js] [--only messages|directline|catalog]
// Starts the Bot Framework's OpenID/JWKS stand-in, then each bot as its own process on loopback,
// loads it, and prints a Markdown table for docs/benchmarks.md.
var seconds = IntArg("--seconds", 20);
var connections = IntArg("--connections", 64);
var conversations = IntArg("--conversations", 200);
var skipJs = args.Contains("--skip-js");
var products = IntArg("--products", 100_000);
var only = StringArg("--only"); // messages | directline | catalog | captions | engines | presenter | reload | review | soak (only when asked)
var listeners = IntArg("--listeners", 1000);
var pin = args.Contains("--pin");
var duration = TimeSpan.FromSeconds(seconds);
// A host just started is still compiling its hot paths (tiered JIT): the default warm-up lets that settle first.
var warmup = TimeSpan.FromSeconds(IntArg("--warmup", 5));
const string AppId = "bench-app-id";
const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
const string DirectLineSecret = "bench-directline-secret-0123456789abcdef0123";

using var issuer = new BotFrameworkTokenIssuer();
await using var openId = await LoopbackServer.StartAsync(issuer.MapRoutes, port: HostProcess.FreePortIn(5400, 5499));
var bearer = "Bearer " + issuer.Sign(new TokenSpec(AppId, ServiceUrl) { ExpiresOffset = TimeSpan.FromHours(2) });
var root = RepoPaths.Root;
var hostDll = Path.Combine(root, "src", "LiveAssist.Host", "bin", "Release", "net10.0", "LiveAssist.Host.dll");
var rows = new List<string>();

Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load {seconds}s after {warmup.TotalSeconds}s warm-up");

// 1. /api/messages, auth on, echo handler: LiveAssist.
if (only is null or "messages")
{
    var port = HostProcess.FreePort();
    await using var host = await TargetProcess.StartAsync("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "unused-for-expect-replies",
        ["ToBotFromChannelOpenIdMetadataUrl"] = openId.BaseUrl + "/openid",
        ["Bot__Handler"] = "echo",
        ["Storage__DataDirectory"] = RepoPaths.NewTempDirectory("liveassist-bench"),
        ["Logging__LogLevel__Default"] = "Warning",
    }, root, $"http://127.0.0.1:{port}/healthz");
    var (rate, latency) = await MessagesLoad.RunAsync($"http://127.0.0.1:{port}/api/messages", bearer, ServiceUrl, connections, warmup, duration);
    rows.Add(Row("LiveAssist `/api/messages` (C#, auth on, echo)", rate, latency, connections));
}

// 2. The same load against the official JavaScript SDK.
if (!skipJs && only is null or "messages")
{
    var port = HostProcess.FreePort();
    await using var js = await TargetProcess.StartAsync("node", ["echo-bot.js"], new Dictionary<string, string>
    {
        ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "unused-for-expect-replies",
        ["MicrosoftAppType"] = "MultiTenant",
        // Overriding one endpoint puts the SDK in parameterized mode, where every public-cloud value must be given.
        ["ToBotFromChannelOpenIdMetadataUrl"] = openId.BaseUrl + "/openid",
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = openId.BaseUrl + "/openid",
        ["ToBotFromChannelTokenIssuer"] = BotFrameworkTokenIssuer.ChannelIssuer,
        ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
        ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com",
        ["OAuthUrl"] = "https://api.botframework.com",
        ["CallerId"] = "urn:botframework:azure",
        ["ValidateAuthority"] = "true",
    }, Path.Combine(root, "tests", "node", "bench"), $"http://127.0.0.1:{port}/");
    var (rate, latency) = await MessagesLoad.RunAsync($"http://127.0.0.1:{port}/api/messages", bearer, ServiceUrl, connections, warmup, duration);
    rows.Add(Row("botbuilder 4.23.3 CloudAdapter (Node, auth on, echo)", rate, latency, connections));
    if (latency.Count == 0)
    {
        Console.WriteLine(js.Log);
    }
}

// 3. Direct Line round trip with 200 buyers connected at once (the product's buyer bot):
//    at a buyer's pace (about one message a second each), and flat out.
foreach (var thinkTime in only is null or "directline" ? new[] { TimeSpan.FromSeconds(1), TimeSpan.Zero } : [])
{
    var port = HostProcess.FreePort();
    await using var host = await TargetProcess.StartAsync("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DirectLine__Secret"] = DirectLineSecret,
        // Every simulated buyer shares the loopback address and saturates its conversation: lift the abuse budgets.
        ["RateLimits__BuyerTurnsPerMinute"] = "100000",
        ["RateLimits__DirectLinePermitsPerMinute"] = "10000000",
        ["RateLimits__StreamsPerIp"] = "100000",
        ["Storage__DataDirectory"] = RepoPaths.NewTempDirectory("liveassist-bench"),
        ["Logging__LogLevel__Default"] = "Warning",
    }, root, $"http://127.0.0.1:{port}/healthz");
    var sessionId = await StartLiveSessionAsync($"http://127.0.0.1:{port}");
    var (rate, latency) = await DirectLineLoad.RunAsync($"http://127.0.0.1:{port}", DirectLineSecret, conversations, thinkTime, warmup, duration, sessionId);
    var pace = thinkTime > TimeSpan.Zero ? $"each buyer pausing ~{thinkTime.TotalSeconds:F0} s between messages" : "every buyer sending back-to-back (saturation)";
    rows.Add(Row($"Q&A turn through Direct Line (WebSocket, 12 questions in 7 languages, embedded catalog, offline engine), {pace}", rate, latency, conversations));
}

// 4. Catalog search with many products, one searcher at a time and several at once.
if (only is null or "catalog")
{
    const string ImportKey = "bench-import-key";
    var port = HostProcess.FreePort();
    await using var host = await TargetProcess.StartAsync("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Catalog__ApiKey"] = ImportKey,
        ["Catalog__LoadSampleCatalog"] = "false",
        ["Storage__DataDirectory"] = RepoPaths.NewTempDirectory("liveassist-bench"),
        ["Logging__LogLevel__Default"] = "Warning",
    }, root, $"http://127.0.0.1:{port}/healthz");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    await CatalogSearchLoad.ImportAsync($"http://127.0.0.1:{port}", ImportKey, products);
    Console.WriteLine($"imported {products:N0} products in {clock.Elapsed.TotalSeconds:F0} s");
    foreach (var workers in new[] { 1, 8 })
    {
        var (rate, latency) = await CatalogSearchLoad.RunAsync($"http://127.0.0.1:{port}", workers, warmup, duration);
        rows.Add(Row($"catalog search, {products:N0} products, 25 queries in 7 languages (HTTP, page of 20)", rate, latency, workers));
    }
}

// Scale-out (issue 20, only when asked): the same caption load on one host and on three hosts sharing one redis-server,
// the overlays spread over the three, the host speaking on the first. Ports 5400-5499 and 6390-6399.
if (only == "scaleout")
{
    await using var redis = await RedisServer.StartAsync();
    foreach (var hostCount in new[] { 1, 3 })
    {
        var hosts = new List<TargetProcess>();
        var urls = new List<string>();
        for (var n = 0; n < hostCount; n++)
        {
            var port = HostProcess.FreePortIn(5400, 5499);
            urls.Add($"http://127.0.0.1:{port}");
            hosts.Add(await TargetProcess.StartAsync("nice", ["-n", "15", "dotnet", hostDll, "--urls", urls[^1]], new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Redis__Configuration"] = redis.Configuration,
                ["Redis__KeyPrefix"] = $"bench{hostCount}:",
                ["DirectLine__Secret"] = DirectLineSecret,
                ["RateLimits__BuyerTurnsPerMinute"] = "100000",
                ["RateLimits__DirectLinePermitsPerMinute"] = "10000000",
                ["Translation__UseApertium"] = "false",
                ["Tts__Prefetch"] = "false",
                ["RateLimits__CaptionPermitsPerMinute"] = "1000000",
                ["RateLimits__PublicPermitsPerMinute"] = "1000000",
                ["RateLimits__StreamsPerIp"] = "100000",
                ["Storage__DataDirectory"] = RepoPaths.NewTempDirectory("liveassist-bench"),
                ["Logging__LogLevel__Default"] = "Warning",
            }, root, urls[^1] + "/healthz"));
        }

        // Buyers at a buyer's pace (a message every ~1 s), spread over the hosts: the Direct Line round trip on Redis.
        var buyers = IntArg("--buyers", 600);
        var dlSession = await StartLiveSessionAsync(urls[0]);
        var (dlRate, dlLatency) = await DirectLineLoad.RunAsync(urls, DirectLineSecret, buyers, TimeSpan.FromSeconds(1), warmup, duration, dlSession);
        rows.Add(Row($"Q&A turn through Direct Line (WebSocket), {hostCount} host(s) on Redis, buyers spread over them, each pausing ~1 s", dlRate, dlLatency, buyers));

        var lines = Math.Max(20, seconds / 2);
        var (latency, received) = await CaptionsLoad.RunAsync(urls[0], listeners, lines, TimeSpan.FromSeconds(2), urls);
        Console.WriteLine($"scale-out {hostCount} host(s): {lines} lines, {received:N0} deliveries to {listeners} overlays (expected {lines * listeners:N0})");
        rows.Add(Row($"final line → caption at every overlay, {hostCount} host(s) on Redis, overlays spread over them (10 languages, a line every 2 s; rate = deliveries/s)",
            received / (lines * 2.0), latency, listeners));
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }
}

// 5. Live captions: a final line into 10 languages, 1,000 overlays listening; then an hour of lines for memory.
if (only is null or "captions")
{
    var port = HostProcess.FreePort();
    // --pin: the host on core 0 only (run this tool itself under `taskset -c 1`), so the server's own time is not
    // its threads waiting for a core the 1,000 reading clients hold.
    string[] hostCommand = pin ? ["taskset", "-c", "0", "dotnet"] : ["dotnet"];
    await using var host = await TargetProcess.StartAsync(hostCommand[0], [.. hostCommand[1..], hostDll, "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Translation__UseApertium"] = "false", // Apertium's ~0.5 s per pipeline is measured separately
        ["Tts__Prefetch"] = "false", // captions alone; the presenter is measured in 7.
        ["RateLimits__CaptionPermitsPerMinute"] = "1000000",
        ["RateLimits__StreamsPerIp"] = "100000", // every overlay shares the loopback address
        ["Storage__DataDirectory"] = RepoPaths.NewTempDirectory("liveassist-bench"),
        ["Logging__LogLevel__Default"] = "Warning",
    }, root, $"http://127.0.0.1:{port}/healthz");
    var utterances = Math.Max(20, seconds * 2);
    var baseline = new ServerHistogram();
    var (latency, received) = await CaptionsLoad.RunAsync($"http://127.0.0.1:{port}", listeners, utterances, TimeSpan.FromMilliseconds(500),
        warmupLines: (int)(warmup.TotalSeconds * 2),
        warmedUp: async () => baseline = await ServerHistogram.ScrapeAsync($"http://127.0.0.1:{port}", "liveassist_caption_delay_milliseconds"));
    Console.WriteLine($"captions: {utterances} lines, {received:N0} caption deliveries to {listeners} overlays (expected {utterances * listeners:N0})");
    rows.Add(Row($"final line → caption at every overlay (POST to SSE arrival, 10 languages, offline engine, {listeners} overlays; rate = deliveries/s)",
        received / (utterances * 0.5), latency, listeners));
    // The host's own time for the same deliveries (line received → caption flushed to each overlay), from its /metrics.
    var server = (await ServerHistogram.ScrapeAsync($"http://127.0.0.1:{port}", "liveassist_caption_delay_milliseconds")).Since(baseline);
    rows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| the same, the server's own time (line received → caption flushed to each overlay; host's /metrics, {server.Count:N0} deliveries) | {listeners} | — | {server.PercentileMs(50):F2} | {server.PercentileMs(99):F2} | — |"));
    var (warm, end) = await CaptionsLoad.ReplayHourAsync($"http://127.0.0.1:{port}", host.ProcessId);
    Console.WriteLine($"one-hour session replay (1,200 lines x 11 languages): host RSS {warm} MB after 200 lines, {end} MB after 1,200");
}

// 6. What the Azure clients add: Translator round trip minus the fake's fixed delay; Speech phrase sent → final result in hand.
if (only is null or "engines")
{
    var fixedDelay = TimeSpan.FromMilliseconds(20);
    foreach (var concurrency in new[] { 1, 16 })
    {
        var (overhead, rate) = await EnginesLoad.TranslatorOverheadAsync(fixedDelay, concurrency, warmup, duration);
        rows.Add(Row($"Azure Translator client overhead per caption (10 languages, fake answering after {fixedDelay.TotalMilliseconds} ms; latency = round trip − the fake's own time)", rate, overhead, concurrency));
    }

    var (eventToResult, segmentRate) = await EnginesLoad.RecognitionEventToResultAsync(warmup, duration);
    rows.Add(Row("Azure Speech WebSocket client: speech.phrase sent by the fake → final result handed to the pipeline (1 s segments, one after another)", segmentRate, eventToResult, 1));
}

// 7. The digital presenter with espeak-ng: final caption at the overlay → its line (audio, words, visemes) ready; one core's lines per second.
if (only is null or "presenter")
{
    var port = HostProcess.FreePort();
    await using var host = await TargetProcess.StartAsync("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["RateLimits__CaptionPermitsPerMinute"] = "1000000",
        ["RateLimits__StreamsPerIp"] = "100000", // every overlay shares the loopback address
        ["Storage__DataDirectory"] = RepoPaths.NewTempDirectory("liveassist-bench"),
        ["Logging__LogLevel__Default"] = "Warning",
    }, root, $"http://127.0.0.1:{port}/healthz");
    var lines = Math.Max(50, seconds * 5);
    var ready = await PresenterLoad.CaptionToLineAsync($"http://127.0.0.1:{port}", lines);
    rows.Add(Row("presenter: final caption at the overlay → 15-word line ready (espeak-ng audio + word and viseme timings; one line at a time)", 1000 / Math.Max(1, ready.PercentileMs(50)), ready, 1));
    var (perSecond, perLine) = await PresenterLoad.EspeakThroughputAsync(warmup, duration);
    rows.Add(Row("presenter: espeak-ng reading 15-word lines back to back in one process (lines/s on one core)", perSecond, perLine, 1));
}

// 8. Hot reload of dialog flows: a flow file saved on disk → the next turn answers with it.
if (only is null or "reload")
{
    var port = HostProcess.FreePort();
    var (_, content) = RepoPaths.CopyContent();
    var environment = new Dictionary<string, string>(content)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Storage__DataDirectory"] = RepoPaths.NewTempDirectory("liveassist-bench"),
        ["Logging__LogLevel__Default"] = "Warning",
    };
    await using var host = await TargetProcess.StartAsync("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"], environment, root, $"http://127.0.0.1:{port}/healthz");
    var reload = await ReloadLoad.FileSavedToNewAnswerAsync($"http://127.0.0.1:{port}", content["Dialogs__Directory"], Math.Max(10, seconds));
    rows.Add(Row("dialogs: flow file saved on disk → next turn answers with the new flow (500 ms polling)", 1000 / Math.Max(1, reload.PercentileMs(50)), reload, 1));
}

// 9. Compliance review (issue 19): one final host line against every shipped pack and the catalog, in process.
if (only is null or "review")
{
    var (perSecond, perLine) = ReviewLoad.Run(warmup, duration);
    rows.Add(Row("compliance review: one final host line, all packs + catalog checks (in process, one thread)", perSecond, perLine, 1));
}

// 10. Soak (issue 15): buyers, overlays and host lines for --soak-seconds, with an attacker on the same address.
if (only is "soak")
{
    var soakSeconds = IntArg("--soak-seconds", 1800);
    var buyers = IntArg("--buyers", 200);
    var port = HostProcess.FreePort();
    await using var host = await TargetProcess.StartAsync("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DirectLine__Secret"] = DirectLineSecret,
        ["Translation__UseApertium"] = "false",
        ["Tts__Prefetch"] = "false",
        ["RateLimits__CaptionPermitsPerMinute"] = "1000000",
        // Overlays and buyers all come from loopback here; in a real live they come from many addresses.
        ["RateLimits__StreamsPerIp"] = (listeners + buyers + 100).ToString(CultureInfo.InvariantCulture),
        ["RateLimits__DirectLinePermitsPerMinute"] = "10000000",
        ["Storage__DataDirectory"] = RepoPaths.NewTempDirectory("liveassist-bench"),
        ["Logging__LogLevel__Default"] = "Warning",
    }, root, $"http://127.0.0.1:{port}/healthz");
    var sessionId = await StartLiveSessionAsync($"http://127.0.0.1:{port}");
    SoakLoad.Result soak;
    try
    {
        soak = await SoakLoad.RunAsync($"http://127.0.0.1:{port}", DirectLineSecret, sessionId, host.ProcessId, buyers, listeners, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(soakSeconds));
    }
    catch (HttpRequestException)
    {
        Console.WriteLine("the host stopped answering; its output:");
        Console.WriteLine(host.Log.Length > 20_000 ? host.Log[^20_000..] : host.Log);
        throw;
    }

    Console.WriteLine($"soak: {soakSeconds} s, {buyers} buyers (a message every ~3 s each), {listeners} overlays, a host line every 2 s");
    Console.WriteLine("| minute | host RSS MB |");
    Console.WriteLine("| ---: | ---: |");
    foreach (var (at, rss) in soak.Memory)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {at.TotalMinutes:F1} | {rss} |"));
    }

    rows.Add(Row($"soak: buyer Q&A turn on Direct Line ({buyers} buyers, attacker on the same address)", soak.BuyerTurnsPerSecond, soak.BuyerLatency, buyers));
    rows.Add(Row($"soak: final line → caption at every overlay ({listeners} overlays; rate = deliveries)", soak.CaptionDeliveries, soak.CaptionLatency, listeners));
    Console.WriteLine("| attack | sent | refused (429/413/503) | 5xx |");
    Console.WriteLine("| --- | ---: | ---: | ---: |");
    foreach (var (attack, (sent, refused, errors)) in soak.Attacks.OrderBy(a => a.Key, StringComparer.Ordinal))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {attack} | {sent} | {refused} | {errors} |"));
    }
}

Console.WriteLine();
Console.WriteLine("| scenario | concurrency | turns/s | p50 ms | p99 ms | errors |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
rows.ForEach(Console.WriteLine);
return 0;

// A live session with three products shown, the flask on screen, as a merchant sets it up.
static async Task<string> StartLiveSessionAsync(string baseUrl)
{
    using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    // A toy shop's live: questions naming products by description look in its list, then its shop, then the market.
    using var created = await http.PostAsJsonAsync("/api/sessions", new { title = "bench live", shopId = "S-88422", targetLanguages = new[] { "en", "es" } });
    created.EnsureSuccessStatusCode();
    var session = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    var id = session.GetProperty("id").GetString()!;
    foreach (var product in new[] { "YW-100306", "YW-100432", "YW-100234" })
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/product") { Content = JsonContent.Create(new { productId = product }) };
        request.Headers.Add("X-Host-Key", session.GetProperty("hostKey").GetString());
        using var set = await http.SendAsync(request);
        set.EnsureSuccessStatusCode();
    }

    return id;
}

static string Row(string name, double rate, LatencyRecorder latency, int concurrency)
    => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {concurrency} | {rate:F0} | {latency.PercentileMs(50):F2} | {latency.PercentileMs(99):F2} | {latency.Errors} |");

string? StringArg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int IntArg(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
