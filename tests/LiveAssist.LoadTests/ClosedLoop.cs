using System.Diagnostics;

namespace LiveAssist.LoadTests;

/// <summary>
/// Runs one operation in a loop on each of N workers: warm up, measure for a fixed time, stop.
/// Only operations that finish inside the measured window count.
/// </summary>
internal static class ClosedLoop
{
    /// <param name="operation">One operation of worker i; true when it succeeded. Throwing counts as an error.</param>
    /// <param name="pause">Optional wait before each operation (a user's think time), outside the measured latency.</param>
    public static async Task<(double PerSecond, LatencyRecorder Latency)> RunAsync(
        int workers, Func<int, CancellationToken, Task<bool>> operation, TimeSpan warmup, TimeSpan duration,
        Func<int, CancellationToken, Task>? pause = null)
    {
        var latency = new LatencyRecorder();
        long completed = 0;
        var reported = 0;
        var measuring = false;
        using var stop = new CancellationTokenSource();

        async Task WorkerAsync(int worker)
        {
            while (!stop.IsCancellationRequested)
            {
                if (pause is not null)
                {
                    try
                    {
                        await pause(worker, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                var start = Stopwatch.GetTimestamp();
                bool succeeded;
                try
                {
                    succeeded = await operation(worker, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    succeeded = false;
                    if (Interlocked.Increment(ref reported) <= 3)
                    {
                        Console.Error.WriteLine($"worker {worker}: {ex.GetType().Name}: {ex.Message}");
                    }
                }

                if (!succeeded)
                {
                    latency.Error();
                }
                else if (Volatile.Read(ref measuring))
                {
                    latency.Record(Stopwatch.GetTimestamp() - start);
                    Interlocked.Increment(ref completed);
                }
            }
        }

        var tasks = Enumerable.Range(0, workers).Select(WorkerAsync).ToArray();
        await Task.Delay(warmup);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var perSecond = Interlocked.Read(ref completed) / clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        return (perSecond, latency);
    }
}
