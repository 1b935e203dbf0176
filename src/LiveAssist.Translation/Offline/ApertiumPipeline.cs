using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace LiveAssist.Translation.Offline;

/// <summary>
/// One Apertium mode kept running: the pair's programs started once, each in null-flush mode (<c>-z</c>),
/// so a line is written followed by a NUL and its translation comes back followed by a NUL, with no
/// process start per line. Lines go through one at a time; the pipeline is restarted after a failure.
/// </summary>
internal sealed partial class ApertiumPipeline : IDisposable
{
    private readonly string _command;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _process;

    private ApertiumPipeline(string command) => _command = command;

    /// <summary>The mode's pipeline from its <c>.mode</c> file with <c>-z</c> on every program; null when the mode file is not there.</summary>
    public static ApertiumPipeline? ForMode(string mode, string modesDirectory)
    {
        var file = Path.Combine(modesDirectory, mode + ".mode");
        if (!File.Exists(file))
        {
            return null;
        }

        // $1 is the generator's option (-n: unknown words without asterisks, as "apertium -u"), $2 the tagger's extra options.
        var pipeline = File.ReadAllText(file).Trim().Replace("$1", "-n", StringComparison.Ordinal).Replace("$2", string.Empty, StringComparison.Ordinal);
        var command = Program().Replace(pipeline, m => m.Groups[1].Value + m.Groups[2].Value + " -z");
        return new ApertiumPipeline(command);
    }

    public async Task<string> TranslateAsync(string text, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var process = _process is { HasExited: false } running ? running : _process = Start();
            try
            {
                var input = Encoding.UTF8.GetBytes(Escape(text) + "\n\0");
                await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
                await process.StandardInput.BaseStream.FlushAsync(cancellationToken).ConfigureAwait(false);
                var output = await ReadToNulAsync(process.StandardOutput.BaseStream, cancellationToken).ConfigureAwait(false);
                return Unescape(output).Trim();
            }
            catch
            {
                Stop(); // a half-read answer would shift every later line: start over
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private int _starts;

    /// <summary>How often this mode's programs were started (restarts included): a burst of lines must not add any.</summary>
    public int Starts => Volatile.Read(ref _starts);

    private Process Start()
    {
        Interlocked.Increment(ref _starts);
        var start = new ProcessStartInfo("bash", ["-c", _command])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("apertium pipeline did not start");
    }

    private static async Task<string> ReadToNulAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>(256);
        var buffer = new byte[1];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("apertium pipeline ended");
            }

            if (buffer[0] == 0)
            {
                return Encoding.UTF8.GetString([.. bytes]);
            }

            bytes.Add(buffer[0]);
        }
    }

    // The stream format reserves these characters; a backslash makes any of them plain text.
    private static string Escape(string text) => Reserved().Replace(text.Replace("\0", string.Empty, StringComparison.Ordinal), @"\$0");

    private static string Unescape(string text) => Escaped().Replace(text, "$1");

    private void Stop()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        _gate.Dispose();
    }

    [GeneratedRegex(@"(^|\|\s*)([A-Za-z0-9_\-]+(?:-proc|-tagger|-pretransfer|-transfer|-interchunk|-postchunk|lt-proc|cg-proc))", RegexOptions.CultureInvariant)]
    private static partial Regex Program();

    [GeneratedRegex(@"[\^\$@\[\]{}\\/<>*#+~]", RegexOptions.CultureInvariant)]
    private static partial Regex Reserved();

    [GeneratedRegex(@"\\(.)", RegexOptions.CultureInvariant)]
    private static partial Regex Escaped();
}
