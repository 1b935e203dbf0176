using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Translation.Offline;

/// <summary>
/// Apertium (Debian package) for English to Spanish, and through Spanish to Portuguese and French,
/// when installed. Each mode runs as a long-lived null-flush pipeline (<see cref="ApertiumPipeline"/>), so a
/// line costs the translation, not a second of process starts; the offline engine still uses it for
/// finished lines only and falls back to the dictionary draft on any failure.
/// </summary>
public sealed partial class Apertium(IOptions<TranslationOptions> options, ILogger<Apertium> logger) : IDisposable
{
    private readonly Lazy<HashSet<string>> _modes = new(() => ListModes(options.Value.ApertiumPath));

    // One long-lived null-flush pipeline per mode (null: its mode file is not where the options say; each line then starts the pair's programs).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<ApertiumPipeline?>> _pipelines = new(StringComparer.Ordinal);

    /// <summary>The pipeline from English to <paramref name="target"/>, or null when the pairs are not installed.</summary>
    public IReadOnlyList<string>? RouteFromEnglish(string target)
    {
        if (!options.Value.UseApertium)
        {
            return null;
        }

        IReadOnlyList<string> route = target switch
        {
            "es" => ["eng-spa"],
            "pt" => ["eng-spa", "es-pt"],
            "fr" => ["eng-spa", "es-fr"],
            _ => [],
        };
        return route.Count > 0 && route.All(_modes.Value.Contains) ? route : null;
    }

    /// <summary>
    /// Runs <paramref name="text"/> through the modes of <paramref name="route"/>. Steps already run for this
    /// caption (English to Spanish, shared by the Portuguese and French routes) come from <paramref name="steps"/>.
    /// </summary>
    public async Task<string?> TranslateAsync(string text, IReadOnlyList<string> route, System.Collections.Concurrent.ConcurrentDictionary<string, Task<string?>> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(steps);
        string? current = text;
        var path = string.Empty;
        foreach (var mode in route)
        {
            var input = current;
            path += mode + "|";
            current = await steps.GetOrAdd(path + text, _ => StepAsync(input, mode, cancellationToken)).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private async Task<string?> StepAsync(string text, string mode, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(options.Value.ApertiumTimeoutMs));
        try
        {
            if (options.Value.ApertiumPersistent
                && _pipelines.GetOrAdd(mode, m => new Lazy<ApertiumPipeline?>(() => ApertiumPipeline.ForMode(m, options.Value.ApertiumModesDirectory))).Value is { } pipeline)
            {
                return await pipeline.TranslateAsync(text, timeout.Token).ConfigureAwait(false);
            }

            return await RunAsync(options.Value.ApertiumPath, mode, text, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or System.ComponentModel.Win32Exception or IOException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, mode, e.Message);
            return null;
        }
    }

    private static async Task<string> RunAsync(string executable, string mode, string text, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable, ["-u", mode])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("apertium did not start");
        try
        {
            await process.StandardInput.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"apertium {mode} exited with {process.ExitCode}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static HashSet<string> ListModes(string executable)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, ["-l"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (process is null)
            {
                return [];
            }

            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit(5000);
            return [.. output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return []; // not installed
        }
    }

    /// <summary>Pipeline starts of this instance, all modes (restarts included).</summary>
    public int PipelineStarts => _pipelines.Values.Where(p => p.IsValueCreated).Sum(p => p.Value?.Starts ?? 0);

    public void Dispose()
    {
        foreach (var pipeline in _pipelines.Values.Where(p => p.IsValueCreated))
        {
            pipeline.Value?.Dispose();
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Apertium {Mode} failed ({Reason}); using the dictionary draft")]
    private static partial void LogFailed(ILogger logger, string mode, string reason);
}
