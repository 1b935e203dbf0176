using System.Buffers.Binary;
using System.Text;

namespace LiveAssist.Presenter.Lines;

/// <summary>
/// Marks a presenter line's WAV as machine-made in its own metadata (a RIFF <c>LIST/INFO</c> chunk: comment and
/// software), as China's rules on labelling AI-generated content and the EU AI Act ask of synthetic audio. The label
/// travels with the file wherever a merchant takes it. Audio that is not plain RIFF/WAVE with exact sizes is left as is.
/// </summary>
public static class AiGeneratedWav
{
    public const string Comment = "AI-generated voice: LiveAssist digital presenter (AI 合成语音)";

    public static byte[] Label(byte[] wav)
    {
        ArgumentNullException.ThrowIfNull(wav);
        if (wav.Length < 12 || !wav.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !wav.AsSpan(8, 4).SequenceEqual("WAVE"u8)
            || BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(4)) != wav.Length - 8 || HasInfo(wav))
        {
            return wav; // a streamed RIFF (open size) or one already labelled
        }

        var info = new MemoryStream();
        info.Write("INFO"u8);
        SubChunk(info, "ICMT", Comment);
        SubChunk(info, "ISFT", "LiveAssist");
        var body = info.ToArray();

        var labelled = new byte[wav.Length + 8 + body.Length];
        wav.CopyTo(labelled, 0);
        "LIST"u8.CopyTo(labelled.AsSpan(wav.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(labelled.AsSpan(wav.Length + 4), (uint)body.Length);
        body.CopyTo(labelled, wav.Length + 8);
        BinaryPrimitives.WriteUInt32LittleEndian(labelled.AsSpan(4), (uint)(labelled.Length - 8));
        return labelled;
    }

    /// <summary>The comment of a WAV's INFO chunk, if it has one.</summary>
    public static string? CommentOf(ReadOnlySpan<byte> wav)
    {
        for (var at = 12; at + 8 <= wav.Length;)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav[(at + 4)..]);
            if (wav.Slice(at, 4).SequenceEqual("LIST"u8) && at + 12 <= wav.Length && wav.Slice(at + 8, 4).SequenceEqual("INFO"u8))
            {
                for (var sub = at + 12; sub + 8 <= Math.Min(wav.Length, at + 8 + size);)
                {
                    var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav[(sub + 4)..]);
                    if (wav.Slice(sub, 4).SequenceEqual("ICMT"u8) && sub + 8 + length <= wav.Length)
                    {
                        return Encoding.UTF8.GetString(wav.Slice(sub + 8, length)).TrimEnd('\0');
                    }

                    sub += 8 + length + (length & 1);
                }
            }

            if (size < 0 || at + 8 + (long)size > wav.Length)
            {
                return null;
            }

            at += 8 + size + (size & 1);
        }

        return null;
    }

    private static bool HasInfo(byte[] wav) => CommentOf(wav) is not null;

    // Each sub-chunk is a NUL-terminated string, padded to an even length as RIFF wants.
    private static void SubChunk(Stream stream, string id, string value)
    {
        var text = Encoding.UTF8.GetBytes(value + "\0");
        Span<byte> header = stackalloc byte[8];
        Encoding.ASCII.GetBytes(id, header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)text.Length);
        stream.Write(header);
        stream.Write(text);
        if ((text.Length & 1) == 1)
        {
            stream.WriteByte(0);
        }
    }
}
