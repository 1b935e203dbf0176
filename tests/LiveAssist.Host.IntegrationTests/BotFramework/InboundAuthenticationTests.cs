using System.Net;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.BotFramework;

/// <summary>The Bot Framework JWT checks on <c>POST /api/messages</c>, one broken property at a time.</summary>
public sealed class InboundAuthenticationTests(BotFrameworkFakes fakes) : IClassFixture<BotFrameworkFakes>
{
    private const string EmulatorIssuerV1 = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    public static TheoryData<string, int> Cases => new()
    {
        { "valid channel token", 200 },
        { "expired less than the 5 minute clock skew ago", 200 },
        { "emulator v1 token naming this bot", 200 },
        { "emulator v2 token naming this bot", 200 },
        { "no Authorization header", 401 },
        { "Basic scheme instead of Bearer", 401 },
        { "not a JWT", 401 },
        { "wrong issuer", 401 },
        { "wrong audience", 401 },
        { "expired", 401 },
        { "not yet valid", 401 },
        { "signed by a foreign key under a known kid", 401 },
        { "unknown key id", 401 },
        { "emulator token naming another app", 401 },
        { "key not endorsed for the activity's channel", 403 },
        { "key with no endorsements at all", 403 },
        { "serviceurl claim differs from the activity", 403 },
        { "serviceurl claim missing", 403 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ApiMessages_TokenCase_AnsweredWithExpectedStatus(string scenario, int expectedStatus)
    {
        var serviceUrl = fakes.ServiceUrl;
        var channelId = scenario == "key not endorsed for the activity's channel" ? "webchat" : "msteams";
        var token = TokenFor(scenario, serviceUrl);
        using var client = fakes.Factory.CreateClient();

        var activity = ActivityBuilder.Message(serviceUrl, "hello", channelId, conversationId: "a:auth-" + Guid.NewGuid().ToString("N"));
        using var request = ActivityBuilder.Post(activity, bearer: null);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal((HttpStatusCode)expectedStatus, response.StatusCode);
        if (expectedStatus != 200) // accepted: the turn is queued and answered through the connector
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("endorse", body, StringComparison.OrdinalIgnoreCase); // no hint for forgers
        }
    }

    private string? TokenFor(string scenario, string serviceUrl)
    {
        var issuer = fakes.Issuer;
        var valid = new TokenSpec(BotFrameworkFakes.AppId, serviceUrl);
        var emulator = valid with
        {
            Issuer = EmulatorIssuerV1,
            KeyId = BotFrameworkTokenIssuer.UnendorsedKeyId,
            ExtraClaims = new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = BotFrameworkFakes.AppId },
        };
        return scenario switch
        {
            "valid channel token" => Bearer(issuer.Sign(valid)),
            "expired less than the 5 minute clock skew ago" => Bearer(issuer.Sign(valid with { NotBeforeOffset = TimeSpan.FromMinutes(-30), ExpiresOffset = TimeSpan.FromMinutes(-2) })),
            "emulator v1 token naming this bot" => Bearer(issuer.Sign(emulator)),
            "emulator v2 token naming this bot" => Bearer(issuer.Sign(emulator with
            {
                Issuer = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
                ExtraClaims = new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = BotFrameworkFakes.AppId },
            })),
            "no Authorization header" => null,
            "Basic scheme instead of Bearer" => "Basic " + Convert.ToBase64String("bot:pass"u8.ToArray()),
            "not a JWT" => "Bearer not-a-jwt",
            "wrong issuer" => Bearer(issuer.Sign(valid with { Issuer = "https://attacker.example" })),
            "wrong audience" => Bearer(issuer.Sign(valid with { Audience = "some-other-bot" })),
            "expired" => Bearer(issuer.Sign(valid with { NotBeforeOffset = TimeSpan.FromHours(-2), ExpiresOffset = TimeSpan.FromMinutes(-10) })),
            "not yet valid" => Bearer(issuer.Sign(valid with { NotBeforeOffset = TimeSpan.FromMinutes(10), ExpiresOffset = TimeSpan.FromMinutes(40) })),
            "signed by a foreign key under a known kid" => Bearer(issuer.Sign(valid with { SigningKey = issuer.ForeignKey })),
            "unknown key id" => Bearer(issuer.Sign(valid with { KeyId = "rotated-away", SigningKey = issuer.ForeignKey })),
            "emulator token naming another app" => Bearer(issuer.Sign(emulator with
            {
                ExtraClaims = new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = "another-app" },
            })),
            "key not endorsed for the activity's channel" => Bearer(issuer.Sign(valid with { KeyId = BotFrameworkTokenIssuer.TeamsOnlyKeyId })),
            "key with no endorsements at all" => Bearer(issuer.Sign(valid with { KeyId = BotFrameworkTokenIssuer.UnendorsedKeyId })),
            "serviceurl claim differs from the activity" => Bearer(issuer.Sign(valid with { ServiceUrl = "https://attacker.example/" })),
            "serviceurl claim missing" => Bearer(issuer.Sign(valid with { ServiceUrl = null })),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };
    }

    private static string Bearer(string token) => "Bearer " + token;
}
