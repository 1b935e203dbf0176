using System.Buffers.Binary;

namespace LiveAssist.Speech.Audio;

/// <summary>One stretch of speech cut by voice-activity detection: 16-bit mono PCM and where it lies in the stream.</summary>
public sealed record SpeechSegment(ReadOnlyMemory<byte> Pcm, int SampleRate, long StartMs, long EndMs)
{
    public long DurationMs => EndMs - StartMs;

    /// <summary>The segment as a WAV file (what transcription APIs accept).</summary>
    public byte[] ToWav()
    {
        var wav = new byte[44 + Pcm.Length];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + Pcm.Length);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], Pcm.Length);
        Pcm.Span.CopyTo(span[44..]);
        return wav;
    }
}
