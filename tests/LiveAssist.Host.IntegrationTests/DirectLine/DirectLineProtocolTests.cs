using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveAssist.Host.IntegrationTests.DirectLine;

/// <summary>The embedded Direct Line 3.0 through its REST API and WebSocket stream.</summary>
public sealed class DirectLineProtocolTests : IAsyncLifetime
{
    private const string Secret = "test-directline-secret-0123456789abcdef";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private LiveAssistFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new LiveAssistFactory(
            new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret },
            services: services => services.AddSingleton<TimeProvider>(_time));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Polling_StartAndSend_GreetingEchoAndReplyInBuyersLanguage()
    {
        var dl = new DirectLineClient(_factory.CreateClient());
        var credentials = await dl.ChatTokenAsync("es");
        var token = credentials.GetProperty("token").GetString()!;
        var userId = credentials.GetProperty("userId").GetString()!;
        var conversation = await dl.StartAsync(token);
        var conversationId = conversation.GetProperty("conversationId").GetString()!;

        var (greeting, watermark) = await dl.GetActivitiesAsync(token, conversationId);
        var welcome = Assert.Single(greeting);
        Assert.Equal("bot", welcome.GetProperty("from").GetProperty("role").GetString());
        Assert.True(LocaleFile.IsVariation("es", "welcome", welcome.GetProperty("text").GetString()), welcome.GetProperty("text").GetString());

        var postedId = await dl.PostMessageAsync(token, conversationId, "hola", userId, "es-ES");
        var (after, _) = await dl.GetActivitiesAsync(token, conversationId, watermark);

        Assert.Equal(2, after.Count);
        Assert.Equal(postedId, after[0].GetProperty("id").GetString());
        Assert.StartsWith("client-", after[0].GetProperty("channelData").GetProperty("clientActivityID").GetString(), StringComparison.Ordinal);
        Assert.Equal(userId, after[0].GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("bot", after[1].GetProperty("from").GetProperty("role").GetString());
        Assert.Equal(postedId, after[1].GetProperty("replyToId").GetString());
        Assert.True(LocaleFile.IsVariation("es", "greetingReply", after[1].GetProperty("text").GetString()));
        Assert.True(DateTimeOffset.TryParse(after[1].GetProperty("timestamp").GetString(), out _));
    }

    [Fact]
    public async Task TokenForConversationA_CannotReadOrWriteConversationB()
    {
        var dl = new DirectLineClient(_factory.CreateClient());
        var a = (await dl.ChatTokenAsync("en")).GetProperty("token").GetString()!;
        var bCredentials = await dl.ChatTokenAsync("en");
        var b = bCredentials.GetProperty("token").GetString()!;
        var bConversation = (await dl.StartAsync(b)).GetProperty("conversationId").GetString()!;
        await dl.PostMessageAsync(b, bConversation, "my private question", bCredentials.GetProperty("userId").GetString()!);

        using var read = await dl.SendAsync(HttpMethod.Get, $"/conversations/{bConversation}/activities", a);
        using var write = await dl.SendAsync(HttpMethod.Post, $"/conversations/{bConversation}/activities", a,
            new { type = "message", text = "spoof", from = new { id = "x" } });
        using var reconnect = await dl.SendAsync(HttpMethod.Get, $"/conversations/{bConversation}", a);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.DoesNotContain("my private question", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
    }

    [Fact]
    public async Task TokenForConversationA_CannotOpenStreamOfConversationB()
    {
        var dl = new DirectLineClient(_factory.CreateClient());
        var a = (await dl.ChatTokenAsync("en")).GetProperty("token").GetString()!;
        var b = (await dl.ChatTokenAsync("en")).GetProperty("token").GetString()!;
        var bConversation = (await dl.StartAsync(b)).GetProperty("conversationId").GetString()!;
        var ws = _factory.Server.CreateWebSocketClient();

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            ws.ConnectAsync(new Uri($"ws://localhost/v3/directline/conversations/{bConversation}/stream?t={Uri.EscapeDataString(a)}"), CancellationToken.None));
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocketStream_DeliversGreetingThenEchoAndReply()
    {
        var dl = new DirectLineClient(_factory.CreateClient());
        var credentials = await dl.ChatTokenAsync("fr");
        var token = credentials.GetProperty("token").GetString()!;
        var conversation = await dl.StartAsync(token);
        var conversationId = conversation.GetProperty("conversationId").GetString()!;
        var streamUrl = new Uri(conversation.GetProperty("streamUrl").GetString()!);
        var socket = await _factory.Server.CreateWebSocketClient().ConnectAsync(streamUrl, CancellationToken.None);

        var first = await ReceiveSetAsync(socket);
        Assert.True(LocaleFile.IsVariation("fr", "welcome", first[0].GetProperty("text").GetString()));

        await dl.PostMessageAsync(token, conversationId, "bonjour", credentials.GetProperty("userId").GetString()!, "fr-FR");
        var received = new List<JsonElement>();
        while (received.Count < 2)
        {
            received.AddRange(await ReceiveSetAsync(socket));
        }

        Assert.Equal("bonjour", received[0].GetProperty("text").GetString());
        Assert.True(LocaleFile.IsVariation("fr", "greetingReply", received[1].GetProperty("text").GetString()));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task ExpiredToken_Refused403TokenExpired_ButARefreshedOneKeepsWorking()
    {
        var dl = new DirectLineClient(_factory.CreateClient());
        var original = (await dl.ChatTokenAsync("en")).GetProperty("token").GetString()!;
        _time.Advance(TimeSpan.FromMinutes(15)); // directlinejs refreshes every 15 minutes
        string refreshed;
        using (var refresh = await dl.SendAsync(HttpMethod.Post, "/tokens/refresh", original))
        {
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
            refreshed = (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        _time.Advance(TimeSpan.FromMinutes(16)); // the original's 30 minutes are over, the refreshed one has 14 left

        using var startWithOriginal = await dl.SendAsync(HttpMethod.Post, "/conversations", original);
        using var refreshOriginal = await dl.SendAsync(HttpMethod.Post, "/tokens/refresh", original);
        using var startWithRefreshed = await dl.SendAsync(HttpMethod.Post, "/conversations", refreshed);
        Assert.Equal(HttpStatusCode.Forbidden, startWithOriginal.StatusCode);
        Assert.Equal("TokenExpired", (await startWithOriginal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refreshOriginal.StatusCode);
        Assert.Equal(HttpStatusCode.Created, startWithRefreshed.StatusCode);
    }

    [Fact]
    public async Task GenerateToken_NeedsTheSecret()
    {
        var dl = new DirectLineClient(_factory.CreateClient());
        var token = (await dl.ChatTokenAsync("en")).GetProperty("token").GetString()!;

        using var none = await dl.SendAsync(HttpMethod.Post, "/tokens/generate", null);
        using var withToken = await dl.SendAsync(HttpMethod.Post, "/tokens/generate", token);
        using var wrongSecret = await dl.SendAsync(HttpMethod.Post, "/tokens/generate", "not-the-secret");
        using var withSecret = await dl.SendAsync(HttpMethod.Post, "/tokens/generate", Secret, new { user = new { id = "dl_buyer7" } });

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withSecret.StatusCode);
        var generated = await withSecret.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1800, generated.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(generated.GetProperty("conversationId").GetString()));
    }

    [Fact]
    public async Task TokenBoundToUser_PostedFromIdCannotImpersonateAnother()
    {
        var dl = new DirectLineClient(_factory.CreateClient());
        var credentials = await dl.ChatTokenAsync("en");
        var token = credentials.GetProperty("token").GetString()!;
        var conversationId = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;

        await dl.PostMessageAsync(token, conversationId, "hi", userId: "merchant-admin");
        var (activities, _) = await dl.GetActivitiesAsync(token, conversationId);

        var echo = activities.Single(a => a.GetProperty("from").GetProperty("role").GetString() == "user");
        Assert.Equal(credentials.GetProperty("userId").GetString(), echo.GetProperty("from").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ClientSentConversationUpdate_Refused()
    {
        var dl = new DirectLineClient(_factory.CreateClient());
        var token = (await dl.ChatTokenAsync("en")).GetProperty("token").GetString()!;
        var conversationId = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;

        using var response = await dl.SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token,
            new { type = "conversationUpdate", from = new { id = "x" }, membersAdded = new[] { new { id = "x" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Reconnect_ReturnsStreamUrlThatReplaysFromWatermark()
    {
        var dl = new DirectLineClient(_factory.CreateClient());
        var credentials = await dl.ChatTokenAsync("en");
        var token = credentials.GetProperty("token").GetString()!;
        var conversationId = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;
        var (_, watermark) = await dl.GetActivitiesAsync(token, conversationId);
        await dl.PostMessageAsync(token, conversationId, "help", credentials.GetProperty("userId").GetString()!);

        using var reconnect = await dl.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}?watermark={Uri.EscapeDataString(watermark)}", token);
        var streamUrl = new Uri((await reconnect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("streamUrl").GetString()!);
        var socket = await _factory.Server.CreateWebSocketClient().ConnectAsync(streamUrl, CancellationToken.None);
        var replayed = await ReceiveSetAsync(socket);

        Assert.Equal(["help", null], replayed.Select(a => a.GetProperty("from").GetProperty("role").GetString() == "user" ? a.GetProperty("text").GetString() : null));
    }

    private static async Task<List<JsonElement>> ReceiveSetAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                if (message.Length == 0)
                {
                    continue; // keep-alive
                }

                using var set = JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray()));
                return [.. set.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.Clone())];
            }
        }
    }
}
