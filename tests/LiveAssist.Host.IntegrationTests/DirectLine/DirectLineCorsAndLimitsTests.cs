using System.Net;

namespace LiveAssist.Host.IntegrationTests.DirectLine;

/// <summary>Browser origins allowed by configuration, and the public token endpoint's rate limit.</summary>
public sealed class DirectLineCorsAndLimitsTests
{
    [Fact]
    public async Task Cors_OnlyConfiguredOriginsMayCallDirectLine()
    {
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["DirectLine:AllowedOrigins:0"] = "https://shop.example",
        });
        using var client = factory.CreateClient();

        using var allowed = await PreflightAsync(client, "https://shop.example");
        using var other = await PreflightAsync(client, "https://evil.example");

        Assert.Equal("https://shop.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_DevelopmentWithNoOriginsConfigured_AnyOrigin()
    {
        await using var factory = new LiveAssistFactory();
        using var client = factory.CreateClient();

        using var response = await PreflightAsync(client, "http://localhost:3000");

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task ChatToken_OverTheLimit_429WithRetryAfter()
    {
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?> { ["RateLimits:ChatTokenPermitsPerMinute"] = "3" });
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            last = await client.PostAsync("/chat/token?lang=en", null);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("60", last!.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        last.Dispose();
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return client.SendAsync(request);
    }
}
