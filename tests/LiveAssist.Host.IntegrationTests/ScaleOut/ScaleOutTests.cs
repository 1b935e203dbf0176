using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Host.IntegrationTests.DirectLine;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>
/// Issue 20's must-show: a real redis-server and three real hosts on loopback serving one live. The live is created on A
/// and the host speaks on A; overlays on B and C get every line, each translated once for all languages (a loopback fake
/// of Azure Translator counts the calls); B is killed mid-live and its overlay resumes on C from Last-Event-ID with no line
/// missing or doubled, and a buyer chatting through Direct Line on B goes on, mid-quote, on C (WebSocket, watermark and the
/// bot's place in the flow carry over) and gets on C the merchant's reply typed on A's console; Redis is restarted mid-live and no acknowledged line is lost.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ScaleOutTests : IAsyncLifetime
{
    private static readonly string[] Languages = ["en", "es", "ar"];

    private readonly ConcurrentQueue<string> _translated = new();
    private RedisServer _redis = null!;
    private LoopbackServer _translator = null!;
    private readonly List<HostProcess> _hosts = [];

    public async Task InitializeAsync()
    {
        if (RedisServer.Find() is null)
        {
            return; // skipped, see RedisFactAttribute
        }

        _redis = await RedisServer.StartAsync();
        _translator = await LoopbackServer.StartAsync((routes, _) => routes.MapPost("/translate", (Delegate)TranslateAsync), port: HostProcess.FreePortIn(5400, 5499));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        if (_translator is not null)
        {
            await _translator.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [RedisFact]
    public async Task ThreeHosts_OneLive_EveryOverlayGetsEveryLineOnce_ThroughAHostCrashAndARedisRestart()
    {
        var a = await StartHostAsync();
        var b = await StartHostAsync();
        var c = await StartHostAsync();
        using var onA = Client(a);
        using var onB = Client(b);
        using var onC = Client(c);

        // The live is created on A; B and C know it at once (the session is in Redis, not in A's SQLite file).
        var (id, key) = await CaptionSessions.CreateAsync(onA, Languages);
        var seenOnC = await onC.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
        Assert.Equal("晨光 live", seenOnC.GetProperty("title").GetString());

        // Overlays on B (English) and C (Spanish, and the console's three languages on one stream), the console on A.
        var overlayB = await SseReader.OpenAsync(onB, $"/api/sessions/{id}/captions/stream?lang=en");
        await using var overlayC = await SseReader.OpenAsync(onC, $"/api/sessions/{id}/captions/stream?lang=es");
        await using var arabicC = await SseReader.OpenAsync(onC, $"/api/sessions/{id}/captions/stream?lang=ar");
        await using var console = await SseReader.OpenAsync(onA, $"/api/sessions/{id}/captions/stream?lang=en,es,ar&view=host", hostKey: key);

        // The product the host puts on screen on A shows on C's overlay too.
        using (var product = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/product") { Content = JsonContent.Create(new { productId = "YW-100234" }) })
        {
            product.Headers.Add("X-Host-Key", key);
            using var set = await onA.SendAsync(product);
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        }

        await overlayC.WaitUntilAsync(r => r.Events.Any(e => e.Name == "product" && e.Data.GetProperty("productId").GetString() == "YW-100234"), "the product card on C");

        // A buyer starts a quote through Direct Line on B, on its WebSocket.
        var chatOnB = new DirectLineClient(onB);
        var credentials = await chatOnB.ChatTokenAsync("en");
        var token = credentials.GetProperty("token").GetString()!;
        var buyer = credentials.GetProperty("userId").GetString()!;
        var started = await chatOnB.StartAsync(token);
        var conversation = started.GetProperty("conversationId").GetString()!;
        using var socketB = new ClientWebSocket();
        await socketB.ConnectAsync(new Uri(started.GetProperty("streamUrl").GetString()!), CancellationToken.None);
        var streamB = new ActivityStream(socketB);
        await chatOnB.PostMessageAsync(token, conversation, "quote request", buyer, "en-US", id);
        var askedOnB = await streamB.NextBotMessageAfterAsync("quote request");
        Assert.True(LocaleFile.IsVariation("en", "quote.askProduct", askedOnB), askedOnB);
        await chatOnB.PostMessageAsync(token, conversation, "YW-100234", buyer, "en-US", id);
        askedOnB = await streamB.NextBotMessageAfterAsync("YW-100234");
        Assert.True(LocaleFile.IsVariation("en", "quote.askQty", askedOnB), askedOnB);
        var watermarkOnB = streamB.Watermark!;

        string[] lines = ["欢迎大家来到直播间。", "这款杯子质量很好。", "大家可以看一下颜色。", "有问题可以在评论区问。", "我们的工厂在义乌。"];
        var spoken = new List<(long Seq, string Text)>();
        foreach (var line in lines)
        {
            spoken.Add((await CaptionSessions.SayAsync(onA, id, key, line, final: true), line));
        }

        Assert.Equal([1L, 2, 3, 4, 5], spoken.Select(s => s.Seq));
        await overlayB.WaitUntilAsync(r => Finals(r).Count == 5, "five English lines on B");
        await overlayC.WaitUntilAsync(r => Finals(r).Count == 5, "five Spanish lines on C");
        await arabicC.WaitUntilAsync(r => Finals(r).Count == 5, "five Arabic lines on C");
        await console.WaitUntilAsync(r => Finals(r).Count == 15, "every language of the five lines on A's console");
        Assert.True($"[en] {Echo(lines[0])}" == Finals(overlayB)[0].GetProperty("text").GetString(), Finals(overlayB)[0].ToString());
        Assert.Equal($"[es] {Echo(lines[1])}", Finals(overlayC)[1].GetProperty("text").GetString());
        Assert.Equal("azure", Finals(overlayC)[1].GetProperty("engine").GetString());

        // Host B dies mid-live; lines go on being said on A while its overlay is away.
        var lastSeenOnB = overlayB.Events.Last(e => e.Id is not null).Id!;
        Assert.Equal("5", lastSeenOnB);
        await b.KillAsync();
        await overlayB.DisposeAsync();
        foreach (var line in new[] { "这个颜色有红色和蓝色。", "包装很结实。" })
        {
            spoken.Add((await CaptionSessions.SayAsync(onA, id, key, line, final: true), line));
        }

        // The buyer's Web Chat reconnects to C with its watermark (the load balancer moved it): nothing it saw comes again,
        // and the quote goes on where it was (the bot's state and the conversation are in Redis, not in B).
        var chatOnC = new DirectLineClient(onC);
        using (var reconnect = await chatOnC.SendAsync(HttpMethod.Get, $"/conversations/{conversation}?watermark={Uri.EscapeDataString(watermarkOnB)}", token))
        {
            Assert.True(reconnect.IsSuccessStatusCode, $"reconnect on C: {(int)reconnect.StatusCode}");
            var streamUrl = (await reconnect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("streamUrl").GetString()!;
            Assert.StartsWith(c.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal), streamUrl, StringComparison.Ordinal);
            using var socketC = new ClientWebSocket();
            await socketC.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
            var streamC = new ActivityStream(socketC);
            await chatOnC.PostMessageAsync(token, conversation, "3000 pcs", buyer, "en-US", id);
            var askedOnC = await streamC.NextBotMessageAfterAsync("3000 pcs");
            Assert.True(LocaleFile.IsVariation("en", "quote.askCountry", askedOnC), askedOnC);
            Assert.DoesNotContain(streamC.Activities, a => a.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString() == "quote request");
            await chatOnC.PostMessageAsync(token, conversation, "Brazil", buyer, "en-US", id);
            Assert.True(LocaleFile.IsVariation("en", "quote.askContact", await streamC.NextBotMessageAfterAsync("Brazil")));
            await chatOnC.PostMessageAsync(token, conversation, "ana@example.com.br", buyer, "en-US", id);
            Assert.True(LocaleFile.IsVariation("en", "quote.confirm", await streamC.NextBotMessageAfterAsync("ana@example.com.br")));
            await chatOnC.PostMessageAsync(token, conversation, "yes", buyer, "en-US", id);
            Assert.True(LocaleFile.IsVariation("en", "quote.saved", await streamC.NextBotMessageAfterAsync("yes")));

            // The quote saved through C is in the merchant's leads table on A.
            using var leads = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/leads");
            leads.Headers.Add("X-Host-Key", key);
            using var leadList = await onA.SendAsync(leads);
            leadList.EnsureSuccessStatusCode();
            var lead = Assert.Single((await leadList.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
            Assert.Equal(3000, lead.GetProperty("quantity").GetInt32());
            Assert.Equal("ana@example.com.br", lead.GetProperty("contact").GetString());

            // A question the bot hands to the merchant, asked on C, is on the console on A; the reply typed on A reaches
            // the buyer's WebSocket on C.
            await chatOnC.PostMessageAsync(token, conversation, "can I pay by bank transfer?", buyer, "en-US", id);
            await streamC.NextBotMessageAfterAsync("can I pay by bank transfer?");
            using var questions = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/questions");
            questions.Headers.Add("X-Host-Key", key);
            using var listed = await onA.SendAsync(questions);
            listed.EnsureSuccessStatusCode();
            var question = Assert.Single((await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(),
                q => q.GetProperty("question").GetString() == "can I pay by bank transfer?");
            using var reply = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/questions/{question.GetProperty("id").GetString()}/reply")
            {
                Content = JsonContent.Create(new { text = "可以，银行转账没问题。" }),
            };
            reply.Headers.Add("X-Host-Key", key);
            using (var sent = await onA.SendAsync(reply))
            {
                Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
            }

            var answer = await streamC.BotMessageAsync(text => text.Contains("[en] " + Echo("可以，银行转账没问题。"), StringComparison.Ordinal));
            Assert.True(LocaleFile.IsVariation("en", "qa.sellerReply", answer), answer);
        }

        // Polling on C sees the whole conversation once, in order, B's part included.
        var (history, _) = await chatOnC.GetActivitiesAsync(token, conversation);
        var said = history.Where(h => h.GetProperty("from").GetProperty("id").GetString() == buyer).Select(h => h.TryGetProperty("text", out var text) ? text.GetString() : null).ToList();
        Assert.Equal(["quote request", "YW-100234", "3000 pcs", "Brazil", "ana@example.com.br", "yes", "can I pay by bank transfer?"], said);
        Assert.Equal(history.Count, history.Select(h => h.GetProperty("id").GetString()).Distinct().Count());

        // The overlay reconnects to C with its Last-Event-ID, as EventSource does after a load balancer moves it.
        await using var resumedOnC = await SseReader.OpenAsync(onC, $"/api/sessions/{id}/captions/stream?lang=en", lastEventId: lastSeenOnB);
        spoken.Add((await CaptionSessions.SayAsync(onA, id, key, "今天下单明天发货。", final: true), "今天下单明天发货。"));
        await resumedOnC.WaitUntilAsync(r => Finals(r).Count == 3, "lines 6-8 on the resumed overlay");
        var englishSeqs = Finals(overlayB).Concat(Finals(resumedOnC)).Select(c => c.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], englishSeqs); // none missing, none twice
        Assert.Equal($"[en] {Echo("今天下单明天发货。")}", Finals(resumedOnC)[2].GetProperty("text").GetString());

        // Redis restarts mid-live: A keeps captioning (readyz says Redis is down), and what A acknowledged meanwhile reaches C when Redis is back.
        await _redis.StopAsync();
        foreach (var line in new[] { "样品可以免费寄。", "支持银行转账。" })
        {
            spoken.Add((await CaptionSessions.SayAsync(onA, id, key, line, final: true), line));
        }

        await console.WaitUntilAsync(r => Finals(r).Count == 30, "A's console goes on during the outage");
        var degraded = await onA.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("degraded", degraded.GetProperty("status").GetString());
        Assert.Equal("down", degraded.GetProperty("redis").GetProperty("status").GetString());
        Assert.True(degraded.GetProperty("redis").GetProperty("pendingWrites").GetInt64() >= 2);
        Assert.Contains("REDIS IS DOWN", a.Output, StringComparison.Ordinal);

        await _redis.StartAgainAsync();
        spoken.Add((await CaptionSessions.SayAsync(onA, id, key, "谢谢大家。", final: true), "谢谢大家。"));
        await resumedOnC.WaitUntilAsync(r => Finals(r).Count == 6, "the lines said during the outage, then the next, on C", seconds: 40);
        await overlayC.WaitUntilAsync(r => Finals(r).Count == 11, "every Spanish line on C", seconds: 40);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), spoken.Select(s => s.Seq));
        Assert.Equal(spoken.Select(s => s.Seq), Finals(overlayC).Select(c => c.GetProperty("seq").GetInt64()));
        Assert.Equal(spoken.Select(s => $"[es] {Echo(s.Text)}"), Finals(overlayC).Select(c => c.GetProperty("text").GetString()));
        Assert.Equal(spoken.Select(s => s.Seq), Finals(arabicC).Select(c => c.GetProperty("seq").GetInt64()));
        Assert.Equal([6L, 7, 8, 9, 10, 11], Finals(resumedOnC).Select(c => c.GetProperty("seq").GetInt64()));

        // The record on C (which captioned nothing itself) has every line once, from the shared stream.
        var export = await onC.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/captions.json?lang=es");
        Assert.Equal(spoken.Select(s => s.Seq), export.GetProperty("captions").EnumerateArray().Select(c => c.GetProperty("seq").GetInt64()));
        var ready = await onC.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("up", ready.GetProperty("redis").GetProperty("status").GetString());
        await WaitAsync(async () => (await onA.GetFromJsonAsync<JsonElement>("/readyz")).GetProperty("redis").GetProperty("pendingWrites").GetInt64() == 0, "A's outbox empty");

        // One engine call per line, for all three languages, on the host that received it; B and C only relayed.
        foreach (var (_, text) in spoken)
        {
            Assert.Single(_translated, t => t == text);
        }
    }

    /// <summary>What a Web Chat's WebSocket receives: every activity set, in order.</summary>
    private sealed class ActivityStream(WebSocket socket)
    {
        public List<JsonElement> Activities { get; } = [];

        public string? Watermark { get; private set; }

        /// <summary>The text of the bot's first message after the buyer's <paramref name="userText"/>.</summary>
        public Task<string> NextBotMessageAfterAsync(string userText)
            => ReceiveUntilAsync(() =>
            {
                var after = Activities.FindIndex(a => Text(a) == userText && a.GetProperty("from").GetProperty("role").GetString() == "user");
                return after < 0 ? null : Activities.Skip(after + 1).Where(IsBotMessage).Select(Text).FirstOrDefault();
            });

        /// <summary>The text of a bot message that <paramref name="match"/> accepts, when it arrives.</summary>
        public Task<string> BotMessageAsync(Func<string, bool> match)
            => ReceiveUntilAsync(() => Activities.Where(IsBotMessage).Select(Text).FirstOrDefault(t => t is not null && match(t)));

        private static bool IsBotMessage(JsonElement a) => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("role").GetString() == "bot";

        private async Task<string> ReceiveUntilAsync(Func<string?> found)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                if (found() is { } text)
                {
                    return text;
                }

                var buffer = new byte[64 * 1024];
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, timeout.Token);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (message.Length == 0)
                {
                    continue;
                }

                using var set = JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray()));
                Activities.AddRange(set.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.Clone()));
                Watermark = set.RootElement.TryGetProperty("watermark", out var w) ? w.GetString() : Watermark;
            }
        }

        private static string? Text(JsonElement activity) => activity.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
    }

    private async Task<HostProcess> StartHostAsync()
    {
        var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Redis__Configuration"] = _redis.Configuration,
            ["DirectLine__Secret"] = "scale-out-test-secret-0123456789abcdef",
            ["Translator__Engines__0"] = "azure",
            ["Translator__Azure__Endpoint"] = _translator.BaseUrl,
            ["Translator__Azure__Key"] = "translator-key",
            ["Translator__Azure__Region"] = "westeurope",
            // Three hosts and Redis share two busy cores here: the fake must never be cut off and the line handed to the offline engine.
            ["Translator__EngineTimeoutMs"] = "15000",
            ["Logging__LogLevel__LiveAssist.Redis"] = "Warning",
        }, port: HostProcess.FreePortIn(5400, 5499));
        _hosts.Add(host);
        return host;
    }

    private static HttpClient Client(HostProcess host) => new() { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

    private static List<JsonElement> Finals(SseReader reader) => [.. reader.Captions("final")];

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    // The fake "translates" by echoing the text with each Chinese character as x, prefixed with the language.
    private static string Echo(string text) => new([.. text.Select(ch => ch is >= '\u4E00' and <= '\u9FFF' ? 'x' : ch)]);

    private async Task<IResult> TranslateAsync(HttpRequest request)
    {
        var texts = (await JsonDocument.ParseAsync(request.Body)).RootElement.EnumerateArray().Select(e => e.GetProperty("Text").GetString()!).ToList();
        var targets = request.Query["to"].ToArray();
        foreach (var text in texts)
        {
            _translated.Enqueue(text);
        }

        return Results.Json(texts.Select(text => new
        {
            translations = targets.Select(to => new { text = $"[{to}] " + Echo(System.Text.RegularExpressions.Regex.Replace(text, "<mstrans:dictionary translation=\"([^\"]*)\">[^<]*</mstrans:dictionary>", m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))), to }),
        }));
    }
}
