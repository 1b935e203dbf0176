using System.ComponentModel.DataAnnotations;
using LiveAssist.Speech.Audio;

namespace LiveAssist.Speech.Recognition;

/// <summary>Server-side recognition. Bound from <c>Speech</c>.</summary>
public sealed class SpeechOptions
{
    public const string SectionName = "Speech";

    /// <summary>Recognizers in fallback order; empty (the default): no server-side recognition, the host page recognizes or the host types.</summary>
    public List<string> Engines { get; set; } = [];

    /// <summary>How long one engine may take for one segment before the next gets it.</summary>
    [Range(100, 600_000)]
    public int EngineTimeoutMs { get; set; } = 15_000;

    public VadOptions Vad { get; set; } = new();

    /// <summary>Largest WebSocket message accepted on the audio endpoint.</summary>
    [Range(320, 16 * 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 256 * 1024;
}
