using System.Diagnostics;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>Runs a script from <c>tests/node</c> with the machine's Node.js and returns its last stdout line.</summary>
internal static class NodeClient
{
    public static async Task<(int ExitCode, string LastLine, string Errors)> RunAsync(string script, params string[] arguments)
    {
        var directory = Path.Combine(RepoPaths.Root, "tests", "node");
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException("tests/node/node_modules is missing: run scripts/test.sh, which installs it.");
        }

        var start = new ProcessStartInfo("node", [script, .. arguments])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (process.ExitCode, lines.LastOrDefault() ?? string.Empty, await errors);
    }
}
