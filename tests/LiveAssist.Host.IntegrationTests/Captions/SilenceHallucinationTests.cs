using System.Net.Http.Json;
using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>
/// Text a server-side recognizer returns for a moment of sound (music, a cough between phrases) that could not hold
/// it: a whole sentence out of 0.4 s is dropped and counted, never captioned; the same sentence over 4 s is speech; a
/// typed line is never judged by time.
/// </summary>
public sealed class SilenceHallucinationTests
{
    private const string Sentence = "请大家点赞关注我们的直播间下单立减五元"; // 18 syllables

    [Fact]
    public async Task ASentenceFromAMomentOfAudio_IsDroppedAndCounted_TheSameOverFourSecondsIsCaptioned_TypedNeverJudged()
    {
        await using var factory = new LiveAssistFactory();
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        await using var en = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");

        var dropped = await SayAsync(client, id, key, Sentence, "whisper", 10_000, 10_400);
        Assert.Equal("hallucination", dropped.GetProperty("dropped").GetString());
        Assert.Equal(1, dropped.GetProperty("hallucinations").GetInt32());
        var heard = (await SayAsync(client, id, key, Sentence, "whisper", 20_000, 24_000)).GetProperty("seq").GetInt64();
        Assert.Equal(1, heard); // the dropped line took no number
        var typed = await CaptionSessions.SayAsync(client, id, key, "五百个起批，现货三千件，七天发货，样品五美元一个。", final: true, 30_000, 30_300);
        Assert.Equal(2, typed);

        await en.WaitUntilAsync(r => r.Captions("final").Count == 2, "two English captions");
        Assert.Equal([1L, 2L], en.Captions("final").Select(c => c.GetProperty("seq").GetInt64()));

        // What is stored and exported: the sentence once, from the four seconds, then the typed line.
        var export = JsonDocument.Parse(await client.GetStringAsync($"/api/sessions/{id}/captions.json?lang=zh")).RootElement;
        var captions = (export.ValueKind == JsonValueKind.Array ? export : export.GetProperty("captions")).EnumerateArray().ToList();
        Assert.Equal(2, captions.Count);
        Assert.Equal(Sentence, captions[0].GetProperty("text").GetString());
        Assert.Equal(20_000, captions[0].GetProperty("startMs").GetInt64());
    }

    private static async Task<JsonElement> SayAsync(HttpClient client, string id, string key, string text, string engine, long startMs, long endMs)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/utterances") { Content = JsonContent.Create(new { text, final = true, startMs, endMs, engine }) };
        request.Headers.Add("X-Host-Key", key);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
