namespace LiveAssist.Speech.Audio;

/// <summary>
/// Cuts a stream of 16 kHz mono s16le PCM into speech segments at the pauses. Energy per 20 ms frame
/// against an adaptive noise floor: speech starts after a few loud frames (plus a short pre-roll so
/// the first consonant is kept) and ends after a pause longer than <see cref="VadOptions.PauseMs"/>.
/// Time is counted in samples, never by the clock, so the cuts are the same however fast audio arrives.
/// </summary>
public sealed class VoiceActivityDetector(VadOptions options)
{
    public const int SampleRate = 16_000;
    private const int FrameSamples = SampleRate / 50; // 20 ms
    private const int FrameBytes = FrameSamples * 2;
    private readonly List<byte> _pending = [];
    private readonly List<byte> _history = []; // audio kept for pre-roll and the open segment
    private long _historyStartFrame;
    private long _frame;
    private double _noiseFloorDb = -60;
    private int _loudRun;
    private int _quietRun;
    private long? _segmentStartFrame;
    private long _lastLoudFrame;

    /// <summary>Adds audio; returns the segments it completed.</summary>
    public IReadOnlyList<SpeechSegment> Feed(ReadOnlySpan<byte> pcm)
    {
        var done = new List<SpeechSegment>();
        foreach (var b in pcm)
        {
            _pending.Add(b);
        }

        var offset = 0;
        while (_pending.Count - offset >= FrameBytes)
        {
            var frame = _pending.GetRange(offset, FrameBytes);
            offset += FrameBytes;
            if (Process(frame) is { } segment)
            {
                done.Add(segment);
            }
        }

        _pending.RemoveRange(0, offset);
        return done;
    }

    /// <summary>The stream ended: the open segment, if any, is complete.</summary>
    public SpeechSegment? Flush() => _segmentStartFrame is null ? null : Close(_frame);

    private SpeechSegment? Process(List<byte> frame)
    {
        _history.AddRange(frame);
        var energy = EnergyDb(frame);
        var threshold = Math.Max(_noiseFloorDb + options.ThresholdAboveNoiseDb, options.MinSpeechDb);
        var loud = energy > threshold;
        var index = _frame++;
        SpeechSegment? completed = null;
        if (loud)
        {
            _loudRun++;
            _quietRun = 0;
            _lastLoudFrame = index;
            if (_segmentStartFrame is null && _loudRun >= options.StartFrames)
            {
                var preRoll = options.PreRollMs / 20;
                _segmentStartFrame = Math.Max(_historyStartFrame, index - _loudRun + 1 - preRoll);
            }
        }
        else
        {
            _loudRun = 0;
            _quietRun++;
            // The floor follows the room, slowly, only while nobody speaks.
            _noiseFloorDb = _noiseFloorDb * 0.95 + Math.Max(energy, -90) * 0.05;
            if (_segmentStartFrame is not null && _quietRun * 20 >= options.PauseMs)
            {
                completed = Close(_lastLoudFrame + 1 + options.TailMs / 20);
            }
        }

        if (_segmentStartFrame is { } start && (index + 1 - start) * 20 >= options.MaxSegmentMs)
        {
            completed = Close(index + 1); // a host who never pauses still gets captions
        }

        TrimHistory();
        return completed;
    }

    private SpeechSegment? Close(long endFrame)
    {
        var start = _segmentStartFrame!.Value;
        endFrame = Math.Min(endFrame, _frame);
        _segmentStartFrame = null;
        _loudRun = 0;
        var from = (int)(start - _historyStartFrame) * FrameBytes;
        var to = (int)(endFrame - _historyStartFrame) * FrameBytes;
        var pcm = _history.GetRange(from, to - from).ToArray();
        _history.RemoveRange(0, to);
        _historyStartFrame = endFrame;
        var segment = new SpeechSegment(pcm, SampleRate, start * 20, endFrame * 20);
        return segment.DurationMs >= options.MinSegmentMs ? segment : null;
    }

    // Outside a segment only the pre-roll is worth keeping.
    private void TrimHistory()
    {
        if (_segmentStartFrame is not null)
        {
            return;
        }

        var keepFrames = options.PreRollMs / 20 + options.StartFrames;
        var frames = _history.Count / FrameBytes;
        if (frames > keepFrames * 2)
        {
            var drop = frames - keepFrames;
            _history.RemoveRange(0, drop * FrameBytes);
            _historyStartFrame += drop;
        }
    }

    private static double EnergyDb(List<byte> frame)
    {
        double sum = 0;
        for (var i = 0; i + 1 < frame.Count; i += 2)
        {
            var sample = (short)(frame[i] | frame[i + 1] << 8);
            sum += (double)sample * sample;
        }

        var rms = Math.Sqrt(sum / (frame.Count / 2));
        return rms < 1 ? -100 : 20 * Math.Log10(rms / 32768);
    }
}

/// <summary>Voice-activity detection settings. Bound from <c>Speech:Vad</c>.</summary>
public sealed class VadOptions
{
    public double ThresholdAboveNoiseDb { get; set; } = 12;

    public double MinSpeechDb { get; set; } = -45;

    public int StartFrames { get; set; } = 3;

    public int PreRollMs { get; set; } = 200;

    public int TailMs { get; set; } = 100;

    /// <summary>A silence this long ends a segment.</summary>
    public int PauseMs { get; set; } = 500;

    public int MinSegmentMs { get; set; } = 250;

    public int MaxSegmentMs { get; set; } = 15_000;
}
