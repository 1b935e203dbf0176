using LiveAssist.BotFramework.Authentication;
using Microsoft.Extensions.Options;

namespace LiveAssist.BotFramework.Tests.Authentication;

public sealed class TrustedServiceUrlsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:3978/", true)]
    [InlineData("http://localhost:3978", true)]
    [InlineData("https://smba.trafficmanager.net/amer/", false)]
    [InlineData("http://169.254.169.254/latest/", false)]
    [InlineData("not a url", false)]
    public void LocalMode_OnlyLoopbackTrusted(string url, bool trusted)
        => Assert.Equal(trusted, new TrustedServiceUrls(Options.Create(new BotFrameworkOptions())).IsTrusted(url));

    [Fact]
    public void WithAppId_TrustedOnlyOnceVouchedFor_AndOnlyOverHttps()
    {
        var urls = new TrustedServiceUrls(Options.Create(new BotFrameworkOptions { MicrosoftAppId = "app" }));
        Assert.False(urls.IsTrusted("https://smba.trafficmanager.net/amer/"));

        urls.Trust("https://smba.trafficmanager.net/amer");
        urls.Trust("http://insecure.example/");

        Assert.True(urls.IsTrusted("https://smba.trafficmanager.net/amer/"));
        Assert.False(urls.IsTrusted("https://smba.trafficmanager.net/emea/"));
        Assert.False(urls.IsTrusted("http://insecure.example/"));
    }

    [Fact]
    public void WithAppId_ConfiguredFallbackTrusted()
    {
        var urls = new TrustedServiceUrls(Options.Create(new BotFrameworkOptions
        {
            MicrosoftAppId = "app",
            TrustedServiceUrls = ["https://smba.trafficmanager.net/teams/"],
        }));

        Assert.True(urls.IsTrusted("https://smba.trafficmanager.net/teams/"));
    }
}
