using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Presenter;
using LiveAssist.Translation;
using LiveAssist.Translation.Offline;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>Issue 16 with the default (offline) engines: figures as people say them, no drafts or markup on air, spoken currency.</summary>
public sealed class TrustworthyCaptionTests
{
    private const string BuyTwoGetOne = "欢迎来到佳润的直播间，今天的磁力片买二送一。";
    private const string BuyTwoGetOneEnglish = "Welcome to Jiarun's live room, buy two sets of magnetic tiles today and get one free.";

    private static readonly string[] EveryLanguage = ["en", "es", "pt", "fr", "ru", "ar", "id", "vi", "th", "ja", "ko", "de", "it", "tr"];

    [Fact]
    public async Task VettedScriptLine_BuyTwoGetOne_ShownInEveryLanguageAndVoicedByThePresenter()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var script = new object[] { new { source = BuyTwoGetOne, translations = new Dictionary<string, string> { ["en"] = BuyTwoGetOneEnglish } } };
        var (id, key) = await CaptionSessions.CreateAsync(client, EveryLanguage, script);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, EveryLanguage);

        var seq = await CaptionSessions.SayAsync(client, id, key, BuyTwoGetOne, final: true, 0, 4000);
        foreach (var (lang, stream) in streams)
        {
            await stream.WaitUntilAsync(r => r.Captions("final").Count == 1, $"the {lang} caption");
            var caption = stream.Captions("final")[0];
            var text = caption.GetProperty("text").GetString()!;
            var flags = caption.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ToList();
            Assert.DoesNotContain("figures-only", flags);
            Assert.DoesNotContain("withheld", flags);
            if (lang == "en")
            {
                Assert.Equal(BuyTwoGetOneEnglish, text); // the merchant's words, trusted as written
                Assert.Equal("offline-script", caption.GetProperty("engine").GetString());
            }
            else
            {
                // Buy 2, get 1 free, in digits (phrasebook) or in the language's words (Spanish, Portuguese, French: Apertium from the English).
                var check = LiveAssist.Translation.Figures.FiguresGuard.Check(LiveAssist.Translation.Figures.FigureReader.Read(BuyTwoGetOne), text, lang);
                Assert.True(check.IsCorrect, $"{lang}: {check}: {text}");
                Assert.Contains("Jiarun", text, StringComparison.Ordinal); // the shop's name, romanized, not 佳润
            }

            await stream.DisposeAsync();
        }

        foreach (var lang in new[] { "en", "es", "ru", "ar" })
        {
            var line = await PresenterLines.GetAsync(client, id, seq, lang);
            Assert.False(string.IsNullOrWhiteSpace(line.GetProperty("text").GetString()));
            Assert.True(line.GetProperty("durationMs").GetInt32() > 0, $"{lang} line has no voice");
        }
    }

    [Fact]
    public async Task SpokenPrice_WithAUsdProductOnScreen_IsCaptionedInUsd()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "es"]);
        var en = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");
        var es = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=es");

        await CaptionSessions.SayAsync(client, id, key, "这款一块八毛五一个，五百个起批。", final: true, 0, 3000);
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/product") { Content = JsonContent.Create(new { productId = BuyerQa.SampleCatalog.FirstId }) })
        {
            put.Headers.Add("X-Host-Key", key);
            (await client.SendAsync(put)).EnsureSuccessStatusCode();
        }

        await CaptionSessions.SayAsync(client, id, key, "这款一块八毛五一个，五百个起批。", final: true, 3500, 6500);
        await en.WaitUntilAsync(r => r.Captions("final").Count == 2, "two English captions");
        await es.WaitUntilAsync(r => r.Captions("final").Count == 2, "two Spanish captions");

        // No product on screen and no session currency: 块 is yuan. The USD catalog's product on screen: dollars.
        Assert.Contains("1.85 yuan", en.Captions("final")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var english = en.Captions("final")[1].GetProperty("text").GetString()!;
        Assert.Contains("US$1.85", english, StringComparison.Ordinal);
        Assert.DoesNotContain("yuan", english, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("1,85 US$", es.Captions("final")[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        await en.DisposeAsync();
        await es.DisposeAsync();
    }

    [Fact]
    public async Task SpokenPrice_WithASessionCurrency_IsCaptionedInIt()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"], currency: "USD");
        await using var en = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");

        await CaptionSessions.SayAsync(client, id, key, "样品五块一个。", final: true, 0, 2000);
        await en.WaitUntilAsync(r => r.Captions("final").Count == 1, "the caption");
        Assert.Contains("US$5", en.Captions("final")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LineWhoseFiguresEveryEngineChanged_BuyersGetTheFiguresAndTheHostSeesWhy()
    {
        await using var factory = new LiveAssistFactory(services: services =>
            services.AddKeyedSingleton<ICaptionTranslator>(OfflineCaptionTranslator.EngineName, (sp, _) => new WrongFiguresEngine(ActivatorUtilities.CreateInstance<OfflineCaptionTranslator>(sp))));
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "ru"]);
        var buyer = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");
        var host = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en&view=host", hostKey: key);

        await CaptionSessions.SayAsync(client, id, key, "这款一块八毛五一个，五百个起批。", final: true, 0, 3000);
        await buyer.WaitUntilAsync(r => r.Captions("final").Count == 1, "the buyer's caption");
        await host.WaitUntilAsync(r => r.Captions("final").Count == 1, "the host's caption");

        var shown = buyer.Captions("final")[0];
        Assert.Equal("1.85 yuan each · 500 pcs", shown.GetProperty("text").GetString());
        Assert.Contains("figures-only", shown.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.False(shown.TryGetProperty("note", out _)); // the reason is for the host, not the buyers
        Assert.Contains("changed the figures", host.Captions("final")[0].GetProperty("note").GetString(), StringComparison.Ordinal);

        using var unauthorized = await client.GetAsync($"/api/sessions/{id}/captions/stream?lang=en&view=host");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        await buyer.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task DictionaryDraft_NotShownToBuyersUnlessTurnedOn_TheConsoleStillSeesIt()
    {
        const string unscripted = "仓库里的杯子全部都是昨天刚到的，保温杯三千件。";
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        var buyer = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");
        var host = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en&view=host", hostKey: key);
        await CaptionSessions.SayAsync(client, id, key, unscripted, final: true, 0, 3000);
        await buyer.WaitUntilAsync(r => r.Captions("final").Count == 1, "the buyer's caption");
        await host.WaitUntilAsync(r => r.Captions("final").Count == 1, "the host's caption");

        var onAir = buyer.Captions("final")[0];
        Assert.Contains("draft-hidden", onAir.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.False(onAir.GetProperty("draft").GetBoolean());
        var text = onAir.GetProperty("text").GetString()!;
        Assert.DoesNotContain("yesterday", text, StringComparison.OrdinalIgnoreCase); // the clause no pattern knows is not guessed at
        Assert.Contains("cup", text, StringComparison.Ordinal); // its product word, the terms and the figures are safe
        Assert.Contains("Vacuum Flask", text, StringComparison.Ordinal);
        Assert.Contains("3,000", text, StringComparison.Ordinal);
        Assert.False(onAir.TryGetProperty("consoleText", out _));
        Assert.Contains("yesterday", host.Captions("final")[0].GetProperty("consoleText").GetString(), StringComparison.OrdinalIgnoreCase);

        // The merchant turns drafts on for a live: buyers see the draft, marked as one.
        var (shown, shownKey) = await CaptionSessions.CreateAsync(client, ["en"], showDrafts: true);
        await using var drafts = await SseReader.OpenAsync(client, $"/api/sessions/{shown}/captions/stream?lang=en");
        await CaptionSessions.SayAsync(client, shown, shownKey, unscripted, final: true, 0, 3000);
        await drafts.WaitUntilAsync(r => r.Captions("final").Count == 1, "the draft caption");
        Assert.True(drafts.Captions("final")[0].GetProperty("draft").GetBoolean());
        Assert.Contains("yesterday", drafts.Captions("final")[0].GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        await buyer.DisposeAsync();
        await host.DisposeAsync();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("ru")]
    public async Task UnscriptedLines_EvenAsDrafts_CarryNoDictionaryMarkupOrChinese(string lang)
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, [lang], showDrafts: true);
        await using var stream = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang={lang}");
        string[] lines = ["家人们点赞扣1，马上上声链接！", "我们是义乌市源头工厂，上午十点开播。", "这个杯子很便宜，免费的船。"];
        foreach (var line in lines)
        {
            await CaptionSessions.SayAsync(client, id, key, line, final: true);
        }

        await stream.WaitUntilAsync(r => r.Captions("final").Count == lines.Length, "every caption"); // Captions() runs the on-air check on each
        Assert.All(stream.Captions("final"), c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("text").GetString())));
    }

    [Fact]
    public async Task SessionCreation_FillsGlossaryAndScriptForMissingLanguages_AndSaysWhatEachLanguageGets()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/sessions", new
        {
            title = "佳润 live",
            targetLanguages = new[] { "en", "es", "fr", "de", "ar" },
            glossary = new object[]
            {
                new { source = "晨光", translations = new Dictionary<string, string> { ["en"] = "Chenguang" } },
                new { source = "保温杯" },
            },
            script = new object[] { new { source = BuyTwoGetOne, translations = new Dictionary<string, string> { ["en"] = BuyTwoGetOneEnglish } } },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var quality = body.GetProperty("languageQuality");
        Assert.Equal(["ar", "de", "en", "es", "fr"], quality.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("phrasebook+apertium", quality.GetProperty("es").GetProperty("level").GetString()); // Debian's Apertium pairs (scripts/test.sh)
        Assert.Equal("phrasebook", quality.GetProperty("de").GetProperty("level").GetString());
        Assert.Equal(1, quality.GetProperty("es").GetProperty("scriptFilled").GetInt32()); // through the merchant's English
        Assert.Equal(2, quality.GetProperty("es").GetProperty("glossaryFilled").GetInt32());
        Assert.Equal(1, quality.GetProperty("de").GetProperty("glossaryKeptAsWritten").GetInt32()); // 晨光: nothing to translate it from
        Assert.Contains(quality.GetProperty("de").GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("shown as written", StringComparison.Ordinal));
        Assert.Contains(quality.GetProperty("en").GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("Translator:Engines", StringComparison.Ordinal));

        var id = body.GetProperty("id").GetString()!;
        var key = body.GetProperty("hostKey").GetString()!;
        var es = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=es");
        var de = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=de");
        await CaptionSessions.SayAsync(client, id, key, BuyTwoGetOne, final: true, 0, 4000);
        await CaptionSessions.SayAsync(client, id, key, "晨光保温杯现货三千件。", final: true, 4500, 7000);
        await es.WaitUntilAsync(r => r.Captions("final").Count == 2, "two Spanish captions");
        await de.WaitUntilAsync(r => r.Captions("final").Count == 2, "two German captions");
        var spanish = es.Captions("final")[0];
        Assert.Contains("not-vetted", spanish.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("offline-script", spanish.GetProperty("engine").GetString());
        var german = de.Captions("final")[1];
        Assert.Contains("晨光", german.GetProperty("text").GetString(), StringComparison.Ordinal); // the merchant gave it only in Chinese
        Assert.Contains("kept-as-written", german.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("Thermosflasche", german.GetProperty("text").GetString(), StringComparison.Ordinal);
        await es.DisposeAsync();
        await de.DisposeAsync();
    }

    /// <summary>An engine whose every translation gets the price wrong (1.85 → 18.5), standing in for the offline one.</summary>
    private sealed class WrongFiguresEngine(ICaptionTranslator inner) : ICaptionTranslator
    {
        public string Name => OfflineCaptionTranslator.EngineName;

        public async Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
            => (await inner.TranslateAsync(request, cancellationToken)).ToDictionary(p => p.Key,
                p => p.Value with { Text = p.Value.Text.Replace("1.85", "18.5", StringComparison.Ordinal).Replace("1,85", "18,5", StringComparison.Ordinal) });
    }
}
