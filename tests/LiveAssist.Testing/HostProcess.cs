using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveAssist.Testing;

/// <summary>
/// The real LiveAssist host as a separate process on a free loopback port: what browsers and
/// Node clients talk to, and what a restart test kills and starts again.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, string baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
    }

    public string BaseUrl { get; }

    public string DataDirectory { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, string? dataDirectory = null, int? port = null)
    {
        var dll = FindHostDll();
        var chosenPort = port ?? FreePort();
        var baseUrl = $"http://127.0.0.1:{chosenPort}";
        dataDirectory ??= RepoPaths.NewTempDirectory("liveassist-data");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
        var host = new HostProcess(process, baseUrl, dataDirectory);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>Kills the process at once, as a crash or power cut would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl + "/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The host did not become healthy:\n{Output}");
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A free loopback port in <paramref name="from"/>..<paramref name="to"/> (a range this machine gives the tests), never one
    /// this process handed out before: a host binds its port only once it starts, so two tests must not be given the same one.
    /// </summary>
    public static int FreePortIn(int from, int to)
    {
        for (var port = from; port <= to; port++)
        {
            lock (HandedOut)
            {
                if (!HandedOut.Add(port))
                {
                    continue;
                }
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException($"No free port in {from}-{to}.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindHostDll()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "LiveAssist.Host.dll");
        if (File.Exists(local))
        {
            return local;
        }

        throw new FileNotFoundException("LiveAssist.Host.dll is not beside the tests; reference the host project.", local);
    }
}
