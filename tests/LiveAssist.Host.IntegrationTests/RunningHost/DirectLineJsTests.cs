using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>The stock botframework-directlinejs client, unmodified, against the embedded Direct Line.</summary>
[Collection(RunningHostCollection.Name)]
public sealed class DirectLineJsTests(RunningHostFixture fixture)
{
    [Theory]
    [InlineData("websocket", "pt-BR", "pt", "olá")]
    [InlineData("polling", "ru", "ru", "привет")]
    [InlineData("websocket", "ar", "ar", "مرحبا")]
    [InlineData("polling", "en-US", "en", "hello")]
    public async Task DirectLineJs_RoundTrip_GreetingEchoAndReplyInBuyersLanguage(string mode, string locale, string language, string text)
    {
        var (exitCode, line, errors) = await NodeClient.RunAsync("directline-roundtrip.mjs", fixture.Host.BaseUrl, mode, locale, text);

        Assert.True(exitCode == 0, $"node exited {exitCode}: {line}\n{errors}");
        using var result = JsonDocument.Parse(line);
        var root = result.RootElement;
        Assert.Contains("Online", root.GetProperty("statuses").EnumerateArray().Select(s => s.GetString()));
        Assert.True(root.GetProperty("echoed").GetBoolean());
        Assert.True(LocaleFile.IsVariation(language, "welcome", root.GetProperty("greeting").GetString()), root.GetProperty("greeting").GetString());
        Assert.True(LocaleFile.IsVariation(language, "greetingReply", root.GetProperty("reply").GetString()), root.GetProperty("reply").GetString());
    }
}
