using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LiveAssist.EngineChains;

/// <summary>
/// The engine chains' share of meter <c>LiveAssist.Engines</c> (the engines' meter, which <c>/metrics</c> exposes):
/// calls per engine with their duration, failures by reason, and fallbacks (calls on an engine after the first of its order).
/// Every instrument is tagged with the chain's <c>kind</c> (speech, translator, tts) and the <c>engine</c>.
/// </summary>
public sealed class EngineChainMetrics
{
    public const string MeterName = "LiveAssist.Engines";
    public const string CallsInstrument = "liveassist.engine.calls";
    public const string FailuresInstrument = "liveassist.engine.failures";
    public const string FallbacksInstrument = "liveassist.engine.fallbacks";
    public const string DurationInstrument = "liveassist.engine.duration";

    private readonly Counter<long> _calls;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _fallbacks;
    private readonly Histogram<double> _duration;

    public EngineChainMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The factory owns the meter (one per name, shared with the engines' own instruments) and disposes it with the host.
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>(CallsInstrument, "{call}", "Calls on an engine by its chain");
        _failures = meter.CreateCounter<long>(FailuresInstrument, "{call}", "Engine calls that handed over to the next engine (reason: timeout, error, incomplete)");
        _fallbacks = meter.CreateCounter<long>(FallbacksInstrument, "{call}", "Calls on an engine after the first of its chain's order");
        _duration = meter.CreateHistogram<double>(DurationInstrument, "ms", "Time of one engine call, answered or not");
    }

    internal void FellBack(string kind, string engine) => _fallbacks.Add(1, Tags(kind, engine));

    internal void Called(string kind, string engine, TimeSpan duration, FailedAttempt? failure)
    {
        var tags = Tags(kind, engine);
        _calls.Add(1, tags);
        _duration.Record(duration.TotalMilliseconds, tags);
        if (failure is not null)
        {
            _failures.Add(1, new TagList { { "kind", kind }, { "engine", engine }, { "reason", failure.Tag } });
        }
    }

    private static TagList Tags(string kind, string engine) => new() { { "kind", kind }, { "engine", engine } };
}
