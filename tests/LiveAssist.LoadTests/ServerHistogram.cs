using System.Globalization;

namespace LiveAssist.LoadTests;

/// <summary>
/// A histogram the host measured itself, read from its <c>/metrics</c> (Prometheus text): the server's own time,
/// apart from the load generator that shares the cores. Buckets of every label set are summed; percentiles are
/// interpolated inside the bucket they fall in, so they are as exact as the bucket bounds.
/// </summary>
internal sealed class ServerHistogram
{
    private readonly SortedDictionary<double, double> _cumulative = [];

    public double Count => _cumulative.Count == 0 ? 0 : _cumulative[double.PositiveInfinity];

    public static async Task<ServerHistogram> ScrapeAsync(string baseUrl, string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var text = await http.GetStringAsync("/metrics");
        var histogram = new ServerHistogram();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name + "_bucket{", StringComparison.Ordinal))
            {
                continue;
            }

            var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var bound = line[le..line.IndexOf('"', le)];
            var upper = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
            var value = double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            histogram._cumulative[upper] = histogram._cumulative.GetValueOrDefault(upper) + value;
        }

        return histogram;
    }

    /// <summary>What was recorded after <paramref name="earlier"/> was scraped (the counters only grow): a warm-up left out.</summary>
    public ServerHistogram Since(ServerHistogram earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var since = new ServerHistogram();
        foreach (var (upper, cumulative) in _cumulative)
        {
            since._cumulative[upper] = cumulative - earlier._cumulative.GetValueOrDefault(upper);
        }

        return since;
    }

    public double PercentileMs(double percentile)
    {
        var target = Count * percentile / 100;
        var (lower, below) = (0d, 0d);
        foreach (var (upper, cumulative) in _cumulative)
        {
            if (cumulative >= target)
            {
                if (double.IsPositiveInfinity(upper))
                {
                    return lower; // beyond the last bound: say the bound, not a guess
                }

                var inBucket = cumulative - below;
                return inBucket <= 0 ? upper : lower + ((upper - lower) * (target - below) / inBucket);
            }

            (lower, below) = (upper, cumulative);
        }

        return 0;
    }
}
