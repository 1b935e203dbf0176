using System.Diagnostics;

namespace LiveAssist.LoadTests;

/// <summary>Collects per-operation latencies from many workers; percentiles on demand.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<long> _ticks = [];
    private long _errors;

    public void Record(long elapsedTicks)
    {
        lock (_ticks)
        {
            _ticks.Add(elapsedTicks);
        }
    }

    public void Error() => Interlocked.Increment(ref _errors);

    public long Count
    {
        get
        {
            lock (_ticks)
            {
                return _ticks.Count;
            }
        }
    }

    public long Errors => Interlocked.Read(ref _errors);

    public double PercentileMs(double p)
    {
        lock (_ticks)
        {
            if (_ticks.Count == 0)
            {
                return double.NaN;
            }

            _ticks.Sort();
            var index = (int)Math.Clamp(Math.Ceiling(p / 100 * _ticks.Count) - 1, 0, _ticks.Count - 1);
            return _ticks[index] * 1000.0 / Stopwatch.Frequency;
        }
    }
}
