using System.Buffers.Binary;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests.Presenter;

/// <summary>Reading digital-human lines and their audio through the public API.</summary>
internal static class PresenterLines
{
    /// <summary>The line once its caption is final (captioning runs behind the utterance call).</summary>
    public static async Task<JsonElement> GetAsync(HttpClient client, string sessionId, long seq, string lang)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync($"/api/sessions/{sessionId}/speech/{seq}?lang={lang}");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != System.Net.HttpStatusCode.NotFound || DateTime.UtcNow > deadline)
            {
                var captions = response.IsSuccessStatusCode ? "" : await client.GetStringAsync($"/api/sessions/{sessionId}/captions.json?lang={lang}");
                Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}\ncaptions: {captions}");
                return JsonDocument.Parse(body).RootElement.Clone();
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The line's WAV: sample rate and 16-bit samples.</summary>
    public static async Task<(int SampleRate, short[] Samples)> AudioAsync(HttpClient client, JsonElement line)
    {
        var wav = await client.GetByteArrayAsync(line.GetProperty("audioUrl").GetString());
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(wav, 8, 4));
        var rate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(34)));
        // The data chunk's own size: the AI label's INFO chunk follows the samples.
        Assert.Equal("data", System.Text.Encoding.ASCII.GetString(wav, 36, 4));
        Assert.Equal(LiveAssist.Presenter.Lines.AiGeneratedWav.Comment, LiveAssist.Presenter.Lines.AiGeneratedWav.CommentOf(wav));
        var samples = new short[Math.Min(BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40)), wav.Length - 44) / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + 2 * i));
        }

        return (rate, samples);
    }

    /// <summary>Root-mean-square level of the audio between two times.</summary>
    public static double Level(int sampleRate, short[] samples, int fromMs, int toMs)
    {
        var from = Math.Clamp((long)fromMs * sampleRate / 1000, 0, samples.Length);
        var to = Math.Clamp((long)toMs * sampleRate / 1000, from, samples.Length);
        if (to == from)
        {
            return 0;
        }

        double sum = 0;
        for (var i = from; i < to; i++)
        {
            sum += (double)samples[i] * samples[i];
        }

        return Math.Sqrt(sum / (to - from));
    }

    public static IReadOnlyList<(int OffsetMs, int DurationMs, string Text)> Words(JsonElement line)
        => [.. line.GetProperty("words").EnumerateArray().Select(w => (w.GetProperty("offsetMs").GetInt32(), w.GetProperty("durationMs").GetInt32(), w.GetProperty("text").GetString()!))];

    public static IReadOnlyList<(int OffsetMs, int Id)> Visemes(JsonElement line)
        => [.. line.GetProperty("visemes").EnumerateArray().Select(v => (v.GetProperty("offsetMs").GetInt32(), v.GetProperty("id").GetInt32()))];

    public static IReadOnlyList<string> Flags(JsonElement line) => [.. line.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)];

    public static object Script(string source, IReadOnlyDictionary<string, string> translations) => new[] { new { source, translations } };
}
