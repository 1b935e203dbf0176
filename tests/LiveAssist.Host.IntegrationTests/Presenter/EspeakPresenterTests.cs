using System.Text.Json;
using System.Xml.Linq;
using LiveAssist.Host.IntegrationTests.Captions;

namespace LiveAssist.Host.IntegrationTests.Presenter;

/// <summary>Digital-human lines voiced by espeak-ng (the embedded default), through the public API.</summary>
public sealed class EspeakPresenterTests
{
    private const string Source = "这款YW-100234保温杯五百个起批，今天下单十五天发货，欢迎大家。";

    private static readonly Dictionary<string, string> Lines = new()
    {
        ["en"] = "This vacuum flask YW-100234 has a minimum order of 500 and ships 15 days after you order today.",
        ["es"] = "Este termo YW-100234 tiene un pedido mínimo de 500 y se envía 15 días después de su pedido de hoy.",
        ["pt"] = "Esta garrafa térmica YW-100234 tem pedido mínimo de 500 e é enviada 15 dias depois do seu pedido de hoje.",
        ["fr"] = "Cette bouteille isotherme YW-100234 a une commande minimale de 500 et part 15 jours après votre commande.",
        ["ru"] = "Этот термос YW-100234 заказывают от 500 штук, и он отправляется через 15 дней после заказа.",
    };

    [Fact]
    public async Task Lines_in_five_languages_have_plausible_audio_words_in_order_and_visemes_that_cover_it_with_silence_at_both_ends()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, [.. Lines.Keys], PresenterLines.Script(Source, Lines));
        var seq = await CaptionSessions.SayAsync(client, id, key, Source, final: true, 0, 12000);

        foreach (var (lang, text) in Lines)
        {
            var line = await PresenterLines.GetAsync(client, id, seq, lang);
            Assert.Equal(text, line.GetProperty("text").GetString());
            Assert.Equal("espeak", line.GetProperty("engine").GetString());
            Assert.Equal("espeak", line.GetProperty("timings").GetString());
            Assert.DoesNotContain("fallback", PresenterLines.Flags(line));
            var duration = line.GetProperty("durationMs").GetInt32();
            var words = PresenterLines.Words(line);
            var visemes = PresenterLines.Visemes(line);
            var written = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

            // Plausible: one timed word for each written one; no faster than 9 words a second, no slower than 7 characters a second.
            Console.WriteLine($"{lang}: {written.Length} words, {duration} ms: {string.Join(' ', words.Select(w => w.Text))}");
            Assert.Equal(written.Length, words.Count);
            Assert.InRange(duration, written.Length * 1000 / 9, text.Length * 1000 / 7);

            // Words in the order written, each inside the audio, starting one after another.
            var at = 0;
            foreach (var word in words)
            {
                var found = text.IndexOf(word.Text, at, StringComparison.Ordinal);
                Assert.True(found >= 0, $"{lang}: '{word.Text}' is not where expected in '{text}' (after {at})");
                at = found + word.Text.Length;
            }

            Assert.Contains(words, w => w.Text == "YW-100234"); // the product code stays one word, spelled out
            Assert.All(words.Zip(words.Skip(1)), pair => Assert.True(pair.First.OffsetMs < pair.Second.OffsetMs, $"{lang}: words out of order"));
            Assert.All(words, w => Assert.InRange(w.OffsetMs + w.DurationMs, 1, duration));

            // Visemes: from 0, strictly increasing, closed (0) at both ends, and the last word ends before the mouth closes for good.
            Assert.Equal((0, 0), visemes[0]);
            Assert.All(visemes.Zip(visemes.Skip(1)), pair => Assert.True(pair.First.OffsetMs < pair.Second.OffsetMs, $"{lang}: visemes not monotonic"));
            Assert.All(visemes, v => Assert.InRange(v.Id, 0, 21));
            Assert.True(visemes[1].OffsetMs >= 100, $"{lang}: the mouth opens at once");
            Assert.Equal(0, visemes[^1].Id);
            Assert.InRange(visemes[^1].OffsetMs, words[^1].OffsetMs, duration - 100);
            Assert.True(visemes.Select(v => v.Id).Distinct().Count() >= 8, $"{lang}: too few mouth shapes for a sentence");
            Assert.Contains(visemes, v => v.Id == 21); // p, b or m: every line has one

            // The caption's screenfuls follow the voice: each starts on a word, in order, all of the text shown.
            var cues = line.GetProperty("cues").EnumerateArray().Select(c => (OffsetMs: c.GetProperty("offsetMs").GetInt32(), Text: c.GetProperty("text").GetString()!)).ToList();
            Assert.Equal(0, cues[0].OffsetMs);
            Assert.Equal(text, string.Join(' ', cues.SelectMany(c => c.Text.Split('\n'))));
            Assert.All(cues.Skip(1), c => Assert.Contains(words, w => w.OffsetMs == c.OffsetMs));
            Assert.All(cues.Zip(cues.Skip(1)), pair => Assert.True(pair.First.OffsetMs < pair.Second.OffsetMs));
            Assert.True(cues.Count >= 2, $"{lang}: a {text.Length}-character line fits one screen?");

            // The audio agrees: silent where the mouth is closed at the ends, loud in between.
            var (rate, samples) = await PresenterLines.AudioAsync(client, line);
            Assert.InRange(samples.Length * 1000L / rate, duration - 5, duration + 5);
            Assert.True(PresenterLines.Level(rate, samples, 0, visemes[1].OffsetMs) < 30, $"{lang}: sound before the mouth opens");
            Assert.True(PresenterLines.Level(rate, samples, visemes[^1].OffsetMs + 20, duration) < 300, $"{lang}: sound after the mouth closed");
            Assert.True(PresenterLines.Level(rate, samples, words[0].OffsetMs, words[^1].OffsetMs) > 1000, $"{lang}: no speech where the words are");
        }

        // The timeline export has the same lines, with audio URLs a third-party engine can fetch.
        var timeline = JsonDocument.Parse(await client.GetStringAsync($"/api/sessions/{id}/speech.json?lang=es")).RootElement;
        var exported = Assert.Single(timeline.GetProperty("lines").EnumerateArray());
        Assert.Equal(Lines["es"], exported.GetProperty("text").GetString());
        Assert.Equal("es", timeline.GetProperty("lang").GetString());
        Assert.NotEmpty(exported.GetProperty("visemes").EnumerateArray());
        Assert.NotEmpty(await client.GetByteArrayAsync(exported.GetProperty("audioUrl").GetString()));
    }

    [Fact]
    public async Task A_line_too_long_for_its_caption_is_spoken_faster_and_says_so_in_its_ssml()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var en = new Dictionary<string, string> { ["en"] = Lines["en"] };
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"], PresenterLines.Script(Source, en));
        var relaxed = await CaptionSessions.SayAsync(client, id, key, Source, final: true, 0, 20000);
        var hurried = await CaptionSessions.SayAsync(client, id, key, Source, final: true, 20000, 23500);

        var natural = await PresenterLines.GetAsync(client, id, relaxed, "en");
        var fitted = await PresenterLines.GetAsync(client, id, hurried, "en");

        Assert.Equal(1.0, natural.GetProperty("rate").GetDouble());
        Assert.DoesNotContain("prosody", natural.GetProperty("ssml").GetString(), StringComparison.Ordinal);
        Assert.True(fitted.GetProperty("rate").GetDouble() > 1.1);
        Assert.Contains(PresenterLines.Flags(fitted), f => f is "rate-fitted" or "overruns-caption");
        var prosody = XDocument.Parse(fitted.GetProperty("ssml").GetString()!).Descendants().Single(e => e.Name.LocalName == "prosody");
        Assert.StartsWith("+", prosody.Attribute("rate")!.Value, StringComparison.Ordinal);
        Assert.True(fitted.GetProperty("durationMs").GetInt32() < natural.GetProperty("durationMs").GetInt32() * 0.9,
            "the fitted line is not shorter than the natural one");
    }

    [Fact]
    public async Task Markup_in_the_hosts_words_is_spoken_as_text_never_obeyed()
    {
        const string hostile = "这款 <break time=\"100s\"/> 很好 </speak><speak> 三千件";
        var en = new Dictionary<string, string> { ["en"] = "This one <break time=\"100s\"/> is good </speak><speak> 3,000 pieces" };
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"], PresenterLines.Script(hostile, en));
        var seq = await CaptionSessions.SayAsync(client, id, key, hostile, final: true, 0, 8000);

        var line = await PresenterLines.GetAsync(client, id, seq, "en");

        var ssml = XDocument.Parse(line.GetProperty("ssml").GetString()!); // well-formed: nothing escaped its text node
        var speak = ssml.Root!;
        Assert.Equal("speak", speak.Name.LocalName);
        var voice = Assert.Single(speak.Elements());
        Assert.Equal("voice", voice.Name.LocalName);
        Assert.DoesNotContain(ssml.Descendants(), e => e.Name.LocalName is "break" or "audio" || (e.Name.LocalName == "speak" && e != speak));
        Assert.Contains("<break time=\"100s\"/>", voice.Value, StringComparison.Ordinal);
        Assert.Contains("</speak><speak>", voice.Value, StringComparison.Ordinal);

        // Heard, not obeyed: no 100-second pause, and the tag's words are among the spoken ones.
        Assert.InRange(line.GetProperty("durationMs").GetInt32(), 1000, 15000);
        var spoken = PresenterLines.Words(line).Select(w => w.Text).ToList();
        Assert.Contains(spoken, w => w.Contains("break", StringComparison.Ordinal));
        Assert.Contains(spoken, w => w.Contains("speak", StringComparison.Ordinal));
        Assert.Contains("3000", spoken); // said as one number, not "three comma zero zero zero"
    }
}
