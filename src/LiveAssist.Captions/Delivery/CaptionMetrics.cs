using System.Diagnostics.Metrics;

namespace LiveAssist.Captions.Delivery;

/// <summary>
/// The caption side of <c>/metrics</c>: how long a final line takes from reaching the host to being written to
/// each overlay (the server's own time, without the network or the viewer), per language; open streams; lines
/// waiting in the pipeline's stages.
/// </summary>
public sealed class CaptionMetrics : IDisposable
{
    public const string MeterName = "LiveAssist.Captions";
    public const string DelayInstrument = "liveassist.caption.delay";
    public const string TranslateStage = "translate";
    public const string PublishStage = "publish";

    private readonly Meter _meter;
    private readonly Histogram<double> _delay;
    private readonly UpDownCounter<long> _listeners;
    private readonly Counter<long> _finals;
    private readonly UpDownCounter<long> _queued;

    public CaptionMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _delay = _meter.CreateHistogram<double>(DelayInstrument, "ms", "Final line received by the host → its caption written to an overlay's stream, per language.");
        _listeners = _meter.CreateUpDownCounter<long>("liveassist.caption.listeners", "{stream}", "Caption streams open (overlays, consoles, avatar pages).");
        _finals = _meter.CreateCounter<long>("liveassist.caption.finals", "{caption}", "Final captions published, per language.");
        _queued = _meter.CreateUpDownCounter<long>("liveassist.caption.queued", "{line}", "Lines waiting for a stage of the caption pipeline (translate, publish), all lives.");
    }

    public void Written(string lang, DateTimeOffset receivedAt, DateTimeOffset now)
        => _delay.Record(Math.Max(0, (now - receivedAt).TotalMilliseconds), new KeyValuePair<string, object?>("lang", lang));

    public void Published(string lang) => _finals.Add(1, new KeyValuePair<string, object?>("lang", lang));

    public void Queued(string stage, int delta) => _queued.Add(delta, new KeyValuePair<string, object?>("stage", stage));

    public void StreamOpened() => _listeners.Add(1);

    public void StreamClosed() => _listeners.Add(-1);

    public void Dispose() => _meter.Dispose();
}
