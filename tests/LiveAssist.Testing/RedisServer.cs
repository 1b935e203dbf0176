using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
namespace LiveAssist.Testing;

/// <summary>
/// A real <c>redis-server</c> (Debian's package) on a loopback port in 6390-6399, with its data in a temp directory and the
/// append-only file on, so a restart keeps what it had: what a scale-out test kills and starts again.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(string executable, int port, string directory)
    {
        Executable = executable;
        Port = port;
        Directory = directory;
    }

    public string Executable { get; }

    public int Port { get; }

    public string Directory { get; }

    /// <summary>The StackExchange.Redis connection string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>The installed redis-server, or null (the test is skipped and says why).</summary>
    public static string? Find()
        => new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);

    public static async Task<RedisServer> StartAsync()
    {
        var executable = Find() ?? throw new InvalidOperationException("redis-server is not installed.");
        var port = Enumerable.Range(6390, 10).FirstOrDefault(IsFree);
        if (port == 0)
        {
            throw new InvalidOperationException("No free port in 6390-6399 for redis-server.");
        }

        var server = new RedisServer(executable, port, RepoPaths.NewTempDirectory("liveassist-redis"));
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and directory: its append-only file brings back what it had.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("nice", ["-n", "15", Executable, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", Directory, "--save", string.Empty, "--appendonly", "yes", "--protected-mode", "no", "--daemonize", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await CommandAsync("PING") != "+PONG")
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("redis-server did not answer PING.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops the server the way an operator restarting it would (SHUTDOWN: the append-only file is flushed).</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        await CommandAsync("SHUTDOWN");
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>One inline command on a fresh connection; the first reply line, or null when nobody answers.</summary>
    public async Task<string?> CommandAsync(string command)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port).WaitAsync(TimeSpan.FromSeconds(2));
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
