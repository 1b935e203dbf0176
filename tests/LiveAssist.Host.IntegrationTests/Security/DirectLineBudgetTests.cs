using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.DirectLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>Issue 15 findings 1, 2 and 16 (token refresh): what one buyer token can make Direct Line hold.</summary>
public sealed class DirectLineBudgetTests
{
    [Fact]
    public async Task PostActivities_BigActivitiesIntoOneConversation_KeptBytesStayWithinBudget()
    {
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["DirectLine:MaxConversationBytes"] = (256 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:BuyerTurnsPerMinute"] = "1000",
        });
        using var http = factory.CreateClient();
        var client = new DirectLineClient(http);
        var token = (await client.ChatTokenAsync("en")).GetProperty("token").GetString()!;
        var conversationId = (await client.StartAsync(token)).GetProperty("conversationId").GetString()!;

        for (var i = 0; i < 8; i++)
        {
            await client.PostMessageAsync(token, conversationId, new string((char)('a' + i), 100 * 1024), "u1");
        }

        using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities", token);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.Length < 300 * 1024, $"the conversation still holds {body.Length} bytes after 800 KiB were posted");
        Assert.Contains("hhhh", Encoding.UTF8.GetString(body), StringComparison.Ordinal); // the newest is kept, the oldest went
        Assert.DoesNotContain("aaaa", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostActivities_FloodFromOneToken_429AfterTheBurst()
    {
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?> { ["RateLimits:BuyerTurnsPerMinute"] = "12" });
        using var http = factory.CreateClient();
        var client = new DirectLineClient(http);
        var token = (await client.ChatTokenAsync("en")).GetProperty("token").GetString()!;
        var conversationId = (await client.StartAsync(token)).GetProperty("conversationId").GetString()!;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            using var response = await client.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token,
                new { type = "message", text = "hello " + i, from = new { id = "u1" } });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Another buyer's conversation has its own budget.
        var other = (await client.ChatTokenAsync("en")).GetProperty("token").GetString()!;
        var otherId = (await client.StartAsync(other)).GetProperty("conversationId").GetString()!;
        await client.PostMessageAsync(other, otherId, "hello", "u2");
    }

    [Fact]
    public async Task PostActivities_AllConversationsOverTotalBudget_503()
    {
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["DirectLine:MaxTotalBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:BuyerTurnsPerMinute"] = "1000",
        });
        using var http = factory.CreateClient();
        var client = new DirectLineClient(http);
        var refused = 0;
        for (var c = 0; c < 6 && refused == 0; c++)
        {
            var token = (await client.ChatTokenAsync("en")).GetProperty("token").GetString()!;
            var conversationId = (await client.StartAsync(token)).GetProperty("conversationId").GetString()!;
            for (var i = 0; i < 3; i++)
            {
                using var response = await client.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token,
                    new { type = "message", text = new string('z', 100 * 1024), from = new { id = "u" + c } });
                refused += response.StatusCode == HttpStatusCode.ServiceUnavailable ? 1 : 0;
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, response.StatusCode.ToString());
            }
        }

        Assert.True(refused > 0, "1.8 MiB went into a Direct Line whose budget is 1 MiB");
    }

    [Fact]
    public async Task StartConversation_ChunkedBodyOverLimit_413AndNothingEchoed()
    {
        await using var factory = new LiveAssistFactory();
        using var http = factory.CreateClient();
        var client = new DirectLineClient(http);
        var token = (await client.ChatTokenAsync("en")).GetProperty("token").GetString()!;
        var json = JsonSerializer.Serialize(new { user = new { id = "u1", name = new string('n', 2 * 1024 * 1024) } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations")
        {
            // No Content-Length: the body arrives chunked.
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < 4096);
    }

    [Fact]
    public async Task GenerateToken_UserNameOverLimit_400()
    {
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?> { ["DirectLine:Secret"] = "test-secret-0123456789-0123456789-abcdef" });
        using var http = factory.CreateClient();
        var client = new DirectLineClient(http);

        using var response = await client.SendAsync(HttpMethod.Post, "/tokens/generate", "test-secret-0123456789-0123456789-abcdef",
            new { user = new { id = "u1", name = new string('n', 5000) } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RefreshToken_PastMaxAge_RefusedButFreshTokensStillRefresh()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?> { ["DirectLine:MaxTokenAgeMinutes"] = "60" },
            services: s => s.AddSingleton<TimeProvider>(time));
        using var http = factory.CreateClient();
        var client = new DirectLineClient(http);
        var token = (await client.ChatTokenAsync("en")).GetProperty("token").GetString()!;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromMinutes(20));
            using var response = await client.SendAsync(HttpMethod.Post, "/tokens/refresh", token);
            statuses.Add(response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            }
        }

        // 20, 40, 60 minutes: refreshed; 80 minutes after the first token: refused, however often it was refreshed.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden], statuses);
    }
}
