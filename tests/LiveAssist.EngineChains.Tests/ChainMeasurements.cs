using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.EngineChains.Tests;

/// <summary>
/// A chain's metrics from its own meter factory: meters are process-wide, so the listener takes only the instruments of
/// this test's factory, and tests running in parallel do not count each other's calls.
/// </summary>
internal sealed class ChainMeasurements : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public ChainMeasurements()
    {
        _services = new ServiceCollection().AddEngineChains().BuildServiceProvider();
        var factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = _services.GetRequiredService<EngineChainMetrics>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public EngineChainMetrics Metrics { get; }

    /// <summary>Sum of an instrument's measurements (a histogram: their count) whose tags include every one given.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags)
    {
        lock (_measurements)
        {
            var matching = _measurements.Where(m => m.Instrument == instrument && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).ToList();
            return instrument == EngineChainMetrics.DurationInstrument ? matching.Count : matching.Sum(m => m.Value);
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, copy));
        }
    }
}
