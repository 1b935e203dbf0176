using System.Diagnostics;
using System.Text;

namespace LiveAssist.LoadTests;

/// <summary>A bot under test, started as its own process and waited for.</summary>
internal sealed class TargetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private TargetProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public static async Task<TargetProcess> StartAsync(string fileName, IEnumerable<string> arguments, IDictionary<string, string> environment, string workingDirectory, string readyUrl)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var target = new TargetProcess(Process.Start(info)!);
        target._process.OutputDataReceived += (_, e) => target.Append(e.Data);
        target._process.ErrorDataReceived += (_, e) => target.Append(e.Data);
        target._process.BeginOutputReadLine();
        target._process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300; i++)
        {
            if (target._process.HasExited)
            {
                throw new InvalidOperationException($"{fileName} exited: {target.Log}");
            }

            try
            {
                using var response = await http.GetAsync(readyUrl);
                return target; // any HTTP answer means it listens
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{fileName} did not start: {target.Log}");
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
