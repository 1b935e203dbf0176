using System.Diagnostics;
using System.Net;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>Issue 15 finding 16: <c>dotnet run</c> honours ASPNETCORE_URLS and runs in Production.</summary>
public sealed class LaunchDefaultsTests
{
    [Fact]
    public async Task DotnetRun_AspNetCoreUrlsFromEnvironment_ListensThereInProduction()
    {
        var port = HostProcess.FreePort();
        var start = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(RepoPaths.Root, "src", "LiveAssist.Host"), "-c", "Release", "--no-build"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["Storage__DataDirectory"] = RepoPaths.NewTempDirectory("liveassist-run");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
            var healthy = false;
            for (var attempt = 0; attempt < 300 && !healthy && !process.HasExited; attempt++)
            {
                try
                {
                    using var response = await http.GetAsync("/healthz");
                    healthy = response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.True(healthy, "the host did not answer on the port ASPNETCORE_URLS names");

            // Production: Direct Line's CORS is closed when no origins are configured (Development would allow any).
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
            preflight.Headers.Add("Origin", "http://localhost:3000");
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            using var cors = await http.SendAsync(preflight);
            Assert.False(cors.Headers.Contains("Access-Control-Allow-Origin"));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }
}
