using Microsoft.Playwright;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>Debian's Chromium, never a downloaded browser; flags that keep it off the (absent) network.</summary>
internal static class Browsers
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/test.sh, which installs Debian's chromium.");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--enable-unsafe-swiftshader", // WebGL (the 3D presenter) on the CPU: these machines have no GPU
                "--autoplay-policy=no-user-gesture-required"], // as in OBS browser sources, which play sound without a click
        });
    }
}
