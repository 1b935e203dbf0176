using System.Net;
using System.Text;
using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests.BotFramework;

/// <summary>Bad bodies get a 4xx that says what is wrong, and the host keeps serving.</summary>
public sealed class MalformedInputTests : IClassFixture<LocalHostFixture>
{
    private readonly LiveAssistFactory _factory;

    public MalformedInputTests(LocalHostFixture fixture) => _factory = fixture.Factory;

    public static TheoryData<string, string, int, string> Bodies => new()
    {
        { "/api/messages", "{\"type\": \"message\", \"text\": ", 400, "not a valid activity" },
        { "/api/messages", "[1, 2, 3]", 400, "not a valid activity" },
        { "/api/messages", "null", 400, "not a valid activity" },
        { "/api/messages", "{\"text\": \"hi\", \"conversation\": {\"id\": \"c\"}}", 400, "needs a 'type'" },
        // An unknown type on /api/messages is answered 200 with no body, as the SDK does (TeamsGroupTests).
        { "/api/messages", "{\"type\": \"message\", \"text\": \"hi\"}", 400, "conversation.id" },
        { "/api/messages", "{\"type\": \"message\", \"from\": \"not-an-object\", \"conversation\": {\"id\": \"c\"}}", 400, "not a valid activity" },
        { "/api/messages", "", 400, "no activity" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task ApiMessages_MalformedBody_ClearProblemAnswer(string path, string body, int status, string detail)
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertStillHealthyAsync(client);
    }

    [Fact]
    public async Task ApiMessages_BodyOver256KB_Refused413()
    {
        using var client = _factory.CreateClient();
        var text = new string('x', 300 * 1024);
        var body = JsonSerializer.Serialize(new { type = "message", text, conversation = new { id = "c" } });

        using var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertStillHealthyAsync(client);
    }

    [Fact]
    public async Task ApiMessages_ChunkedBodyOver256KB_Refused413()
    {
        // No Content-Length: the limit must hold while reading, not only from the header.
        using var client = _factory.CreateClient();
        var body = JsonSerializer.Serialize(new { type = "message", text = new string('y', 400 * 1024), conversation = new { id = "c" } });
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ApiMessages_NotJsonContentType_Refused415()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync("/api/messages", new StringContent("type=message", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task ApiMessages_KnownTypeTheBotIgnores_Accepted()
    {
        // Types the spec defines but this bot does not act on are acknowledged, as channels expect.
        using var client = _factory.CreateClient();
        var body = JsonSerializer.Serialize(new
        {
            type = "messageReaction",
            channelId = "msteams",
            serviceUrl = "http://127.0.0.1:9/",
            conversation = new { id = "c-reaction" },
            from = new { id = "u" },
            recipient = new { id = "b" },
            reactionsAdded = new[] { new { type = "like" } },
        });

        using var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task AssertStillHealthyAsync(HttpClient client)
    {
        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
