using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>
/// A recorded stretch of a live stream (partials and finals with timings) replayed into a session
/// with five caption languages: what every overlay receives, what is stored, and what exports.
/// </summary>
public sealed class LiveCaptionReplayTests
{
    private static readonly string[] Languages = ["en", "es", "pt", "fr", "ar"];

    [Fact]
    public async Task Replayed_session_streams_in_order_stores_every_final_keeps_glossary_and_exports_readable_webvtt()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, hostKey) = await CaptionSessions.CreateAsync(client, Languages);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, Languages);

        using var recording = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "LiveAssist.Host.IntegrationTests", "Captions", "recorded-session.json")));
        var finals = new List<(long Seq, string Text)>();
        foreach (var u in recording.RootElement.GetProperty("utterances").EnumerateArray())
        {
            var final = u.GetProperty("final").GetBoolean();
            var seq = await CaptionSessions.SayAsync(client, id, hostKey, u.GetProperty("text").GetString()!, final,
                u.TryGetProperty("startMs", out var s) ? s.GetInt64() : null, u.TryGetProperty("endMs", out var e) ? e.GetInt64() : null);
            if (final)
            {
                finals.Add((seq, u.GetProperty("text").GetString()!));
            }
        }

        Assert.Equal(finals.Count, finals.Select(f => f.Seq).Distinct().Count());
        foreach (var lang in Languages)
        {
            var stream = streams[lang];
            await stream.WaitUntilAsync(r => r.Captions("final").Count >= finals.Count, $"{finals.Count} final {lang} captions");

            // Finals arrive once each, in the order spoken, each with the seq its utterance got.
            var received = stream.Captions("final");
            Assert.Equal(finals.Select(f => f.Seq), received.Select(c => c.GetProperty("seq").GetInt64()));
            Assert.Equal(finals.Select(f => f.Text), received.Select(c => c.GetProperty("sourceText").GetString()));
            Assert.All(received, c => Assert.Equal(lang, c.GetProperty("lang").GetString()));
            Assert.All(received, c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("engine").GetString())));
            Assert.All(received, c => Assert.Equal(lang == "ar" ? "rtl" : "ltr", c.GetProperty("dir").GetString()));

            // A partial never comes after the final of its line.
            var order = stream.Events.Where(ev => ev.Name == "caption").Select(ev => (Seq: ev.Data.GetProperty("seq").GetInt64(), Kind: ev.Data.GetProperty("kind").GetString())).ToList();
            foreach (var (seq, _) in finals)
            {
                var finalAt = order.IndexOf((seq, "final"));
                Assert.DoesNotContain(order.Skip(finalAt + 1), ev => ev.Seq == seq);
            }

            // Glossary terms come out exactly as the merchant gave them, or kept as written.
            foreach (var caption in received)
            {
                var source = caption.GetProperty("sourceText").GetString()!;
                var text = caption.GetProperty("text").GetString()!;
                if (source.Contains("晨光", StringComparison.Ordinal))
                {
                    Assert.Contains(Given("晨光", lang), text, StringComparison.Ordinal);
                }

                if (source.Contains("保温杯", StringComparison.Ordinal))
                {
                    Assert.Contains(Given("保温杯", lang), text, StringComparison.Ordinal);
                }

                if (source.Contains("SunnyCup", StringComparison.Ordinal))
                {
                    Assert.Contains("SunnyCup", text, StringComparison.Ordinal);
                }
            }

            // Every final is stored: the JSON export has them all.
            var export = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/captions.json?lang={lang}");
            Assert.Equal(finals.Select(f => f.Seq), export.GetProperty("captions").EnumerateArray().Select(c => c.GetProperty("seq").GetInt64()));
            Assert.True(export.GetProperty("aiGenerated").GetBoolean()); // labelled as machine-made in its metadata

            // WebVTT parses and respects two lines, line length, reading speed and minimum duration.
            var vtt = WebVtt.Parse(await client.GetStringAsync($"/api/sessions/{id}/captions.vtt?lang={lang}"));
            Assert.True(vtt.Count >= finals.Count, $"{lang}: {vtt.Count} cues for {finals.Count} lines");
            var previousEnd = TimeSpan.Zero;
            foreach (var cue in vtt)
            {
                Assert.InRange(cue.Lines.Count, 1, 2);
                Assert.All(cue.Lines, l => Assert.True(l.Length <= 42, $"{lang} line of {l.Length} chars: {l}"));
                var seconds = (cue.End - cue.Start).TotalSeconds;
                Assert.True(seconds >= 1, $"{lang} cue shorter than a second: {seconds}");
                var chars = cue.Lines.Sum(l => System.Net.WebUtility.HtmlDecode(l).Length);
                Assert.True(chars / seconds <= 17.01, $"{lang} cue reads at {chars / seconds:F1} chars/s: {string.Join(" / ", cue.Lines)}");
                Assert.True(cue.Start >= previousEnd, $"{lang} cues overlap at {cue.Start}");
                previousEnd = cue.End;
            }

            await stream.DisposeAsync();
        }

        // The long last line was split into several cues rather than squeezed; the file says it is machine-made.
        var englishVtt = await client.GetStringAsync($"/api/sessions/{id}/captions.vtt?lang=en");
        Assert.Contains("\n\nNOTE AI-generated: speech recognition and machine translation", englishVtt, StringComparison.Ordinal);
        var english = WebVtt.Parse(englishVtt);
        Assert.True(english.Count > finals.Count);
        var srt = await client.GetStringAsync($"/api/sessions/{id}/captions.srt?lang=es");
        Assert.Matches(@"^1\r\n00:00:\d{2},\d{3} --> 00:00:\d{2},\d{3}\r\n", srt);
    }

    [Fact]
    public async Task Utterances_need_the_host_key_and_text_within_limits()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, hostKey) = await CaptionSessions.CreateAsync(client, ["en"], showDrafts: true); // the draft carries the markup through
        using var anonymous = await client.PostAsJsonAsync($"/api/sessions/{id}/utterances", new { text = "你好", final = true });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var huge = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/utterances") { Content = JsonContent.Create(new { text = new string('好', 5000), final = true }) };
        huge.Headers.Add("X-Host-Key", hostKey);
        using var tooLong = await client.SendAsync(huge);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknownLanguage = await client.GetAsync($"/api/sessions/{id}/captions.vtt?lang=xx");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknownLanguage.StatusCode);

        // Hostile markup is escaped in the WebVTT export and stays plain text in JSON.
        await CaptionSessions.SayAsync(client, id, hostKey, "<script>alert(1)</script> 你好 & 再见", final: true, 0, 2000);
        var stream = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");
        await stream.WaitUntilAsync(r => r.Captions("final").Count == 1, "the caption");
        var vtt = await client.GetStringAsync($"/api/sessions/{id}/captions.vtt?lang=en");
        Assert.DoesNotContain("<script>", vtt, StringComparison.Ordinal);
        Assert.True(vtt.Contains("&lt;script&gt;", StringComparison.Ordinal), vtt);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task Lines_from_the_prepared_script_use_the_merchants_vetted_translation_with_the_figures_actually_spoken()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var script = new object[]
        {
            new { source = "欢迎来到晨光直播间！", translations = new Dictionary<string, string> { ["en"] = "Welcome to the Chenguang live room!", ["es"] = "¡Bienvenidos al directo de Chenguang!" } },
            new { source = "这款保温杯一块八一个，五百个起批。", translations = new Dictionary<string, string> { ["en"] = "This flask is 1.8 yuan each, minimum order 500 pieces.", ["es"] = "Este termo cuesta 1,8 yuanes la unidad, pedido mínimo 500 piezas." } },
        };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "es", "fr"], script);
        var en = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");
        var es = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=es");
        var fr = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=fr");

        await CaptionSessions.SayAsync(client, id, key, "欢迎来到晨光直播间！", final: true, 0, 2000);
        await CaptionSessions.SayAsync(client, id, key, "这款保温杯两块五一个，八百个起批。", final: true, 2500, 6000); // not quite the script
        foreach (var stream in new[] { en, es, fr })
        {
            await stream.WaitUntilAsync(r => r.Captions("final").Count == 2, "two captions");
        }

        var english = en.Captions("final");
        Assert.Equal("Welcome to the Chenguang live room!", english[0].GetProperty("text").GetString());
        Assert.Equal("offline-script", english[0].GetProperty("engine").GetString());
        Assert.False(english[0].GetProperty("draft").GetBoolean());
        Assert.Equal("This flask is 2.5 yuan each, minimum order 800 pieces.", english[1].GetProperty("text").GetString());
        Assert.Contains("fuzzy-match", english[1].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("Este termo cuesta 2,5 yuanes la unidad, pedido mínimo 800 piezas.", es.Captions("final")[1].GetProperty("text").GetString());

        // French has no vetted line: the live filled it from the merchant's English (Apertium), marked not vetted, still with the spoken figures.
        var french = fr.Captions("final")[1];
        Assert.Contains("not-vetted", french.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Matches(@"2,5", french.GetProperty("text").GetString()!);
        Assert.Matches(@"800", french.GetProperty("text").GetString()!);
        await en.DisposeAsync();
        await es.DisposeAsync();
        await fr.DisposeAsync();
    }

    private static string Given(string term, string lang) => term switch
    {
        "晨光" => lang switch { "ar" => "تشينغوانغ", "ru" => "Ченгуан", _ => "Chenguang" },
        _ => lang switch { "en" => "Vacuum Flask", "es" => "termo", "pt" => "garrafa térmica", "fr" => "bouteille isotherme", "ar" => "ترمس", _ => "термос" },
    };
}
