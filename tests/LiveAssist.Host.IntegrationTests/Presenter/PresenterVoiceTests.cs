using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;

namespace LiveAssist.Host.IntegrationTests.Presenter;

/// <summary>The merchant's voice per language (voice, variant, rate, pitch) and what the presenter never says.</summary>
public sealed class PresenterVoiceTests
{
    private const string Source = "这款杯子很受欢迎。";
    private const string English = "This cup is very popular with buyers.";

    [Fact]
    public async Task A_voice_rate_and_pitch_chosen_for_a_language_are_what_the_presenter_speaks_its_next_lines_with()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var script = PresenterLines.Script(Source, new Dictionary<string, string> { ["en"] = English });
        var (plain, plainKey) = await CaptionSessions.CreateAsync(client, ["en"], script);
        var (chosen, key) = await CaptionSessions.CreateAsync(client, ["en"], script);

        // Refused, in Chinese: a voice espeak-ng does not offer for the language, a rate out of range, a language the live has not.
        Assert.Contains("espeak-ng 没有", await PutRefusedAsync(client, chosen, key, new { voices = new { en = new { espeak = "xx-evil+f3" } } }), StringComparison.Ordinal);
        Assert.Contains("语速", await PutRefusedAsync(client, chosen, key, new { voices = new { en = new { rate = 3.0 } } }), StringComparison.Ordinal);
        Assert.Contains("字幕语言", await PutRefusedAsync(client, chosen, key, new { voices = new { de = new { espeak = "de" } } }), StringComparison.Ordinal);
        using (var anonymous = await client.PutAsJsonAsync($"/api/sessions/{chosen}/presenter", new { framing = "head" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var put = Put(chosen, key, new { voices = new { en = new { espeak = "en-gb+f3", rate = 1.25, pitch = 10 } } }))
        using (var saved = await client.SendAsync(put))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var settings = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{chosen}/presenter");
        Assert.Equal("en-gb+f3", settings.GetProperty("voices").GetProperty("en").GetProperty("espeak").GetString());

        var before = await PresenterLines.GetAsync(client, plain, await CaptionSessions.SayAsync(client, plain, plainKey, Source, final: true, 0, 9000), "en");
        var line = await PresenterLines.GetAsync(client, chosen, await CaptionSessions.SayAsync(client, chosen, key, Source, final: true, 0, 9000), "en");
        Assert.Equal("en-us", before.GetProperty("voice").GetString());
        Assert.Equal("en-gb+f3", line.GetProperty("voice").GetString()); // British English, female variant 3
        Assert.Equal(1.25, line.GetProperty("rate").GetDouble());
        // Faster: the same words take clearly less time than at the natural rate.
        Assert.True(line.GetProperty("durationMs").GetInt32() < before.GetProperty("durationMs").GetInt32() * 0.92,
            $"{line.GetProperty("durationMs")} ms at 1.25× against {before.GetProperty("durationMs")} ms");
        // The script an Azure voice would read carries the same choice.
        var ssml = line.GetProperty("ssml").GetString()!;
        Assert.Contains("rate=\"+25%\"", ssml, StringComparison.Ordinal);
        Assert.Contains("pitch=\"+10%\"", ssml, StringComparison.Ordinal);

        // A higher pitch is heard: the female variant at +10 % has a higher fundamental than the default voice.
        var (rate, samples) = await PresenterLines.AudioAsync(client, line);
        var (plainRate, plainSamples) = await PresenterLines.AudioAsync(client, before);
        Assert.True(Pitch(rate, samples) > Pitch(plainRate, plainSamples) * 1.2, $"{Pitch(rate, samples):0} Hz against {Pitch(plainRate, plainSamples):0} Hz");
    }

    [Fact]
    public async Task The_presenter_never_speaks_the_consoles_dictionary_draft_only_what_buyers_read()
    {
        const string unscripted = "仓库里的杯子全部都是昨天刚到的，保温杯三千件。";
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        var seq = await CaptionSessions.SayAsync(client, id, key, unscripted, final: true, 0, 6000);
        var line = await PresenterLines.GetAsync(client, id, seq, "en");

        var onAir = (await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/captions.json?lang=en")).GetProperty("captions").EnumerateArray().Single(c => c.GetProperty("seq").GetInt64() == seq);
        Assert.Equal(onAir.GetProperty("text").GetString(), line.GetProperty("text").GetString());
        foreach (var spoken in new[] { line.GetProperty("text").GetString()!, line.GetProperty("ssml").GetString()!, string.Join(' ', PresenterLines.Words(line).Select(w => w.Text)) })
        {
            Assert.DoesNotContain("yesterday", spoken, StringComparison.OrdinalIgnoreCase); // the draft's guess stays on the console
            Assert.DoesNotContain("arrived", spoken, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(PresenterLines.Words(line), w => w.Text.Contains("3,000", StringComparison.Ordinal) || w.Text.Contains("3000", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Put(string id, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/sessions/{id}/presenter") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Host-Key", key);
        return request;
    }

    private static async Task<string> PutRefusedAsync(HttpClient client, string id, string key, object body)
    {
        using var request = Put(id, key, body);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    // Median fundamental over voiced 40 ms windows, by autocorrelation between 70 and 400 Hz.
    private static double Pitch(int sampleRate, short[] samples)
    {
        var found = new List<double>();
        var window = sampleRate / 25;
        for (var start = 0; start + window < samples.Length; start += window)
        {
            if (PresenterLines.Level(sampleRate, samples, start * 1000 / sampleRate, (start + window) * 1000 / sampleRate) < 800)
            {
                continue;
            }

            var (best, bestLag) = (0.0, 0);
            for (var lag = sampleRate / 400; lag <= sampleRate / 70; lag++)
            {
                double sum = 0;
                for (var i = start; i < start + window - lag; i++)
                {
                    sum += (double)samples[i] * samples[i + lag];
                }

                if (sum > best)
                {
                    (best, bestLag) = (sum, lag);
                }
            }

            if (bestLag > 0)
            {
                found.Add((double)sampleRate / bestLag);
            }
        }

        found.Sort();
        return found.Count == 0 ? 0 : found[found.Count / 2];
    }
}
