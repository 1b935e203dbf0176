using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using LiveAssist.Host.IntegrationTests.Captions;

namespace LiveAssist.Host.IntegrationTests.Observability;

/// <summary><c>GET /metrics</c> as a Prometheus scraper reads it after a short live: caption delays per language, streams, finals, engine calls.</summary>
public sealed partial class MetricsEndpointTests
{
    private const string Key = "scrape-key-0123456789";

    [Fact]
    public async Task AfterAShortLive_MetricsShowEachLanguagesCaptionDelayAndTheOpenStreams()
    {
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?> { ["Metrics:Key"] = Key });
        var client = factory.CreateClient();
        string[] languages = ["en", "es", "ar"];
        var (id, hostKey) = await CaptionSessions.CreateAsync(client, languages);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, languages);
        for (var n = 1; n <= 3; n++)
        {
            // One line at a time: a stream records one delay per flush (its oldest line), and lines said together can share one.
            await CaptionSessions.SayAsync(client, id, hostKey, $"晨光保温杯，第{n}款。", final: true);
            foreach (var lang in languages)
            {
                await streams[lang].WaitUntilAsync(r => r.Captions("final").Count >= n, $"{n} final {lang} captions");
            }
        }

        // A stream records its delay once its flush returns, which may be just after the reader has the bytes.
        var text = await ScrapeAsync(client);
        for (var tries = 0; tries < 50 && languages.Any(l => Count(text, l) < 3); tries++)
        {
            await Task.Delay(100);
            text = await ScrapeAsync(client);
        }

        foreach (var lang in languages)
        {
            // One delay per line per overlay stream, in milliseconds, with buckets fine enough to read a 50 ms target.
            // At least ours: meters are process-wide, so hosts of tests running in parallel can add theirs.
            Assert.True(Number(text, "liveassist_caption_delay_milliseconds_count", $"lang=\"{lang}\"") >= 3, text);
            Assert.Contains(text.Split('\n'), l => l.StartsWith("liveassist_caption_delay_milliseconds_bucket{", StringComparison.Ordinal) && l.Contains($"lang=\"{lang}\",le=\"50\"}}", StringComparison.Ordinal));
            Assert.True(Number(text, "liveassist_caption_finals_total", $"lang=\"{lang}\"") >= 3, text);
        }

        Assert.True(Number(text, "liveassist_caption_listeners") >= languages.Length, text);
        // The captions' translator chain counts its calls on each engine (the offline one here) with their duration.
        Assert.True(Number(text, "liveassist_engine_calls_total", "engine=\"offline\"") >= 1, text);
        Assert.True(Number(text, "liveassist_engine_duration_milliseconds_count", "engine=\"offline\"") >= 1, text);
        Assert.Contains("# TYPE liveassist_caption_delay_milliseconds histogram", text, StringComparison.Ordinal);
    }

    private static double Count(string exposition, string lang)
        => exposition.Split('\n').Any(l => l.StartsWith("liveassist_caption_delay_milliseconds_count{", StringComparison.Ordinal) && l.Contains($"lang=\"{lang}\"", StringComparison.Ordinal))
            ? Number(exposition, "liveassist_caption_delay_milliseconds_count", $"lang=\"{lang}\"") : 0;

    [Fact]
    public async Task FromAnotherMachine_WithoutTheKey_MetricsAreNotThere()
    {
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?> { ["Metrics:Key"] = Key });
        var client = factory.CreateClient(); // the test server's requests carry no loopback address: they count as remote
        using var anonymous = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(wrong)).StatusCode);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key) } };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the first sample of <paramref name="name"/> whose labels include <paramref name="label"/>.</summary>
    private static double Number(string exposition, string name, string label = "")
    {
        var line = exposition.Split('\n').FirstOrDefault(l => (l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal)) && l.Contains(label, StringComparison.Ordinal));
        Assert.True(line is not null, $"no sample {name} {label} in:\n{exposition}");
        return double.Parse(Sample().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\}?\s([0-9.eE+-]+)(\s\d+)?$")]
    private static partial Regex Sample();
}
