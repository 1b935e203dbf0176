using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveAssist.Engines.Azure;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Host.IntegrationTests.Engines;

/// <summary>Azure Translator v3 as the first caption engine, against a loopback fake of <c>/translate</c>.</summary>
public sealed partial class AzureTranslatorTests : IAsyncLifetime
{
    private LoopbackServer _translator = null!;

    /// <summary>Answers the test wants before normal service resumes (status, Retry-After).</summary>
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();

    private volatile bool _alwaysFail;

    public async Task InitializeAsync()
        => _translator = await LoopbackServer.StartAsync((routes, _) => routes.MapPost("/translate", (Delegate)TranslateAsync));

    public async Task DisposeAsync() => await _translator.DisposeAsync();

    [Fact]
    public async Task One_request_carries_a_caption_to_every_language_signed_with_key_and_region_and_its_characters_are_counted()
    {
        const string line = "欢迎大家来到直播间。";
        var billed = new ConcurrentBag<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EngineMetrics.MeterName && instrument.Name == "liveassist.translator.characters")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => billed.Add(value));
        listener.Start();
        await using var factory = Factory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "es", "pt", "ar"]);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, ["en", "es", "pt", "ar"]);

        await CaptionSessions.SayAsync(client, id, key, line, final: true, 0, 2000);

        foreach (var (lang, stream) in streams)
        {
            await stream.WaitUntilAsync(r => r.Captions("final").Count == 1, $"the {lang} caption");
            var caption = stream.Captions("final")[0];
            Assert.Equal($"[{lang}] {Echo(line)}", caption.GetProperty("text").GetString());
            Assert.Equal("azure", caption.GetProperty("engine").GetString());
            Assert.DoesNotContain("fallback", caption.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
            await stream.DisposeAsync();
        }

        var request = Assert.Single(Translations());
        Assert.Contains("api-version=3.0", request.Path, StringComparison.Ordinal);
        Assert.Contains("to=en&to=es&to=pt&to=ar", request.Path, StringComparison.Ordinal);
        Assert.Contains("from=zh-Hans", request.Path, StringComparison.Ordinal);
        Assert.Equal("translator-key", request.Headers["Ocp-Apim-Subscription-Key"]);
        Assert.Equal("westeurope", request.Headers["Ocp-Apim-Subscription-Region"]);
        Assert.True(Guid.TryParse(request.Headers["X-ClientTraceId"], out _));
        Assert.Equal(line.Length * 4, billed.Sum()); // characters × target languages, as the service bills
    }

    [Fact]
    public async Task Glossary_terms_go_as_dynamic_dictionary_markup_and_come_out_exactly()
    {
        await using var factory = Factory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "es", "ru"]);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, ["en", "es", "ru"]);

        await CaptionSessions.SayAsync(client, id, key, "晨光的保温杯和SunnyCup都有货。", final: true, 0, 2000);
        foreach (var (lang, stream) in streams)
        {
            await stream.WaitUntilAsync(r => r.Captions("final").Count == 1, $"the {lang} caption");
        }

        var bodies = Translations().Select(r => JsonDocument.Parse(r.Body).RootElement[0].GetProperty("Text").GetString()!).ToList();
        // The flask's rendering differs per language, so each language gets its own marked-up text; the brand kept as written everywhere.
        Assert.Contains(bodies, b => b.Contains("<mstrans:dictionary translation=\"Vacuum Flask\">保温杯</mstrans:dictionary>", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("<mstrans:dictionary translation=\"termo\">保温杯</mstrans:dictionary>", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("<mstrans:dictionary translation=\"Ченгуан\">晨光</mstrans:dictionary>", StringComparison.Ordinal));
        Assert.All(bodies, b => Assert.Contains("<mstrans:dictionary translation=\"SunnyCup\">SunnyCup</mstrans:dictionary>", b, StringComparison.Ordinal));
        var expected = new Dictionary<string, string[]> { ["en"] = ["Chenguang", "Vacuum Flask"], ["es"] = ["Chenguang", "termo"], ["ru"] = ["Ченгуан", "термос"] };
        foreach (var (lang, stream) in streams)
        {
            var caption = stream.Captions("final")[0];
            Assert.Equal("azure", caption.GetProperty("engine").GetString());
            Assert.All(expected[lang].Append("SunnyCup"), term => Assert.Contains(term, caption.GetProperty("text").GetString(), StringComparison.Ordinal));
            await stream.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_caption_over_the_request_size_limit_is_split_at_sentence_ends_and_put_back_together_in_order()
    {
        string[] sentences = ["这款是不锈钢真空杯现在有现货。", "那款儿童水杯颜色很多可以混批。", "户外水壶也是工厂直接发货。", "最后欢迎大家下单。"];
        await using var factory = Factory(new() { ["Translator:Azure:MaxRequestChars"] = "70" });
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "es"]);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, ["en"]);

        await CaptionSessions.SayAsync(client, id, key, string.Concat(sentences), final: true, 0, 9000);
        await streams["en"].WaitUntilAsync(r => r.Captions("final").Count == 1, "the caption");

        var requests = Translations();
        Assert.True(requests.Count > 1, "the caption was not split");
        foreach (var request in requests)
        {
            var texts = JsonDocument.Parse(request.Body).RootElement.EnumerateArray().Select(e => e.GetProperty("Text").GetString()!).ToList();
            Assert.InRange(texts.Sum(t => t.Length) * 2, 1, 70); // characters × 2 targets within the limit
            Assert.All(texts, t => Assert.Matches("。$", t)); // cut after sentences, never inside one
        }

        // Each piece translated on its own; the caption joins them in the spoken order.
        var text = streams["en"].Captions("final")[0].GetProperty("text").GetString()!;
        var pieces = requests.SelectMany(r => JsonDocument.Parse(r.Body).RootElement.EnumerateArray().Select(e => e.GetProperty("Text").GetString()!)).Distinct().ToList();
        Assert.Equal(string.Concat(sentences), string.Concat(pieces));
        Assert.Equal(string.Join(" ", pieces.Select(p => "[en] " + Echo(p))), text);
        await streams["en"].DisposeAsync();
    }

    [Fact]
    public async Task A_429_is_retried_after_the_time_in_Retry_After_and_the_caption_still_comes_from_azure()
    {
        _failures.Enqueue((429, "1"));
        await using var factory = Factory(new() { ["Translator:EngineTimeoutMs"] = "5000" });
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, ["en"]);

        await CaptionSessions.SayAsync(client, id, key, "大家好。", final: true, 0, 1500);
        await streams["en"].WaitUntilAsync(r => r.Captions("final").Count == 1, "the caption");

        var caption = streams["en"].Captions("final")[0];
        Assert.Equal("azure", caption.GetProperty("engine").GetString());
        Assert.Equal("[en] " + Echo("大家好。"), caption.GetProperty("text").GetString());
        var requests = Translations();
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(950), "the retry did not wait for Retry-After");
        await streams["en"].DisposeAsync();
    }

    [Fact]
    public async Task A_translator_answering_500_hands_the_caption_to_the_offline_engine_and_the_caption_is_flagged()
    {
        _alwaysFail = true;
        await using var factory = Factory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, ["en"]);

        await CaptionSessions.SayAsync(client, id, key, "现货三千件。", final: true, 0, 1500);
        await streams["en"].WaitUntilAsync(r => r.Captions("final").Count == 1, "the caption");

        var caption = streams["en"].Captions("final")[0];
        Assert.StartsWith("offline", caption.GetProperty("engine").GetString());
        Assert.Contains("fallback", caption.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("3,000", caption.GetProperty("text").GetString());
        Assert.NotEmpty(Translations()); // azure was tried first
        await streams["en"].DisposeAsync();
    }

    [Fact]
    public async Task A_merchant_reply_outside_the_phrasebook_reaches_the_buyer_through_azure_and_a_vetted_one_stays_vetted()
    {
        await using var host = BuyerQa.QaHost.Start(Settings(null));
        var (session, key) = await host.CreateSessionAsync("YW-100234");
        var dl = new DirectLine.DirectLineClient(host.Client);
        var credentials = await dl.ChatTokenAsync("en");
        var token = credentials.GetProperty("token").GetString()!;
        var conversation = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;
        var user = credentials.GetProperty("userId").GetString()!;

        await dl.PostMessageAsync(token, conversation, "what are your payment terms?", user, "en-US", session);
        var first = Assert.Single(await host.QuestionsAsync(session, key));
        var (_, watermark) = await dl.GetActivitiesAsync(token, conversation);
        using (var vetted = await host.HostSendAsync(HttpMethod.Post, $"/api/sessions/{session}/questions/{first.GetProperty("id").GetString()}/reply", key, new { text = "30%定金，发货前付清余款。" }))
        {
            vetted.EnsureSuccessStatusCode();
            Assert.StartsWith("offline", JsonDocument.Parse(await vetted.Content.ReadAsStringAsync()).RootElement.GetProperty("engine").GetString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Translations(), r => r.Path.Contains("to=en", StringComparison.Ordinal)); // the seller's own phrasebook sentence needs no machine
        Assert.Contains(Translations(), r => r.Path.Contains("from=en&", StringComparison.Ordinal) || r.Path.Contains("to=zh-Hans", StringComparison.Ordinal)); // the buyer's question went to Chinese through azure
        await dl.PostMessageAsync(token, conversation, "can I pay by bank transfer?", user, "en-US", session);
        var second = Assert.Single(await host.QuestionsAsync(session, key), q => q.GetProperty("status").GetString() == "open");
        (_, watermark) = await dl.GetActivitiesAsync(token, conversation);
        using (var reply = await host.HostSendAsync(HttpMethod.Post, $"/api/sessions/{session}/questions/{second.GetProperty("id").GetString()}/reply", key, new { text = "可以，银行转账没问题。" }))
        {
            reply.EnsureSuccessStatusCode();
            Assert.Equal("azure", JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement.GetProperty("engine").GetString());
        }

        var message = Assert.Single((await dl.GetActivitiesAsync(token, conversation, watermark)).Activities).GetProperty("text").GetString()!;
        Assert.Contains("[en] " + Echo("可以，银行转账没问题。"), message, StringComparison.Ordinal);
        Assert.True(LocaleFile.IsVariation("en", "qa.sellerReply", message), message); // not labelled a rough draft
        Assert.Single(Translations(), r => r.Path.Contains("to=en", StringComparison.Ordinal));
    }

    private LiveAssistFactory Factory(Dictionary<string, string?>? extra = null) => new(Settings(extra));

    private Dictionary<string, string?> Settings(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Translator:Engines:0"] = "azure",
            ["Translator:Azure:Endpoint"] = _translator.BaseUrl,
            ["Translator:Azure:Key"] = "translator-key",
            ["Translator:Azure:Region"] = "westeurope",
        };
        foreach (var (name, value) in extra ?? [])
        {
            settings[name] = value;
        }

        return settings;
    }

    // The fake "translates" by echoing the text with each Chinese character as x: a real translation has no Chinese in an English caption, and no caption may.
    private static string Echo(string text) => new([.. text.Select(c => c is >= '\u4E00' and <= '\u9FFF' ? 'x' : c)]);

    private List<RecordedRequest> Translations() => [.. _translator.Requests.Where(r => r.Path.StartsWith("/translate", StringComparison.Ordinal)).OrderBy(r => r.ReceivedAt)];

    /// <summary>Like the service: every input translated into every <c>to</c>, dictionary markup replaced by its translation.</summary>
    private async Task<IResult> TranslateAsync(HttpRequest request)
    {
        if (_alwaysFail)
        {
            return Results.Json(new { error = new { code = 500000, message = "An unexpected error occurred." } }, statusCode: 500);
        }

        if (_failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is not null)
            {
                request.HttpContext.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            return Results.Json(new { error = new { code = failure.Status * 1000, message = "Too many requests." } }, statusCode: failure.Status);
        }

        var texts = (await JsonDocument.ParseAsync(request.Body)).RootElement.EnumerateArray().Select(e => e.GetProperty("Text").GetString()!).ToList();
        var targets = request.Query["to"].ToArray();
        request.HttpContext.Response.Headers["X-Metered-Usage"] = (texts.Sum(t => t.Length) * targets.Length).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(texts.Select(text => new
        {
            translations = targets.Select(to => new { text = $"[{to}] " + Echo(MarkupRegex().Replace(text, m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))), to }),
        }));
    }

    [GeneratedRegex("<mstrans:dictionary translation=\"([^\"]*)\">[^<]*</mstrans:dictionary>")]
    private static partial Regex MarkupRegex();

}
