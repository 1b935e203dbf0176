using System.Net;
using LiveAssist.Host.IntegrationTests.Captions;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>Issue 15 finding 6: how many long-lived caption streams one address may hold open.</summary>
public sealed class StreamBudgetTests
{
    [Fact]
    public async Task CaptionStreams_OverTheBudgetFromOneAddress_429_AndAClosedOneFreesItsPlace()
    {
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?> { ["RateLimits:StreamsPerIp"] = "3" });
        using var client = factory.CreateClient();
        var (sessionId, _) = await CaptionSessions.CreateAsync(client, ["en"]);
        var path = $"/api/sessions/{sessionId}/captions/stream?lang=en";

        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead));
        }

        using var fourth = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead);
        open[0].Dispose();
        HttpResponseMessage? again = null;
        for (var attempt = 0; attempt < 50 && again?.StatusCode != HttpStatusCode.OK; attempt++)
        {
            again?.Dispose();
            await Task.Delay(100); // the server notices the closed stream asynchronously
            again = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead);
        }

        Assert.All(open, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again!.StatusCode);
        again.Dispose();
        foreach (var response in open)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task CaptionStream_OfElevenLanguages_HoldsOnePlaceInTheBudget()
    {
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?> { ["RateLimits:StreamsPerIp"] = "2" });
        using var client = factory.CreateClient();
        string[] languages = ["en", "es", "pt", "fr", "ru", "ar", "de", "ja", "ko", "vi", "th"];
        var (sessionId, _) = await CaptionSessions.CreateAsync(client, languages);

        using var all = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{sessionId}/captions/stream?lang={string.Join(',', languages)}"), HttpCompletionOption.ResponseHeadersRead);
        using var overlay = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{sessionId}/captions/stream?lang=es"), HttpCompletionOption.ResponseHeadersRead);
        using var third = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{sessionId}/captions/stream?lang=en"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(HttpStatusCode.OK, overlay.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }
}
