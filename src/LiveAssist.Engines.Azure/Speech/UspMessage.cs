using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace LiveAssist.Engines.Azure.Speech;

/// <summary>
/// One message of the Speech service's WebSocket protocol: <c>Name: value</c> header lines, then
/// (text frames) a blank line and the body, or (binary frames) a 2-byte big-endian header length,
/// the headers and the payload.
/// </summary>
public sealed record UspMessage(string Path, string? RequestId, IReadOnlyDictionary<string, string> Headers, string Body, ReadOnlyMemory<byte> Payload)
{
    /// <summary>32 hex digits without dashes: the service closes with 1002 on dashed ids.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    public static byte[] Text(string path, string requestId, string contentType, string body, DateTimeOffset now)
        => Encoding.UTF8.GetBytes(HeaderLines(path, requestId, contentType, now) + "\r\n" + body);

    public static byte[] Binary(string path, string requestId, string? contentType, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        var headers = Encoding.ASCII.GetBytes(HeaderLines(path, requestId, contentType, now));
        var frame = new byte[2 + headers.Length + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, checked((ushort)headers.Length));
        headers.CopyTo(frame, 2);
        payload.CopyTo(frame.AsSpan(2 + headers.Length));
        return frame;
    }

    /// <summary>A text frame from the service; <c>null</c> when it is not a well-formed message.</summary>
    public static UspMessage? ParseText(ReadOnlySpan<byte> frame)
    {
        var text = Encoding.UTF8.GetString(frame);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? string.Empty : text[(split + 4)..];
        return FromHeaders(head, body, ReadOnlyMemory<byte>.Empty);
    }

    public static UspMessage? ParseBinary(ReadOnlyMemory<byte> frame)
    {
        if (frame.Length < 2)
        {
            return null;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(frame.Span);
        if (2 + length > frame.Length)
        {
            return null;
        }

        return FromHeaders(Encoding.ASCII.GetString(frame.Span.Slice(2, length)), string.Empty, frame[(2 + length)..]);
    }

    private static UspMessage? FromHeaders(string head, string body, ReadOnlyMemory<byte> payload)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return headers.TryGetValue("Path", out var path)
            ? new UspMessage(path, headers.GetValueOrDefault("X-RequestId"), headers, body, payload)
            : null;
    }

    private static string HeaderLines(string path, string requestId, string? contentType, DateTimeOffset now)
    {
        var lines = new StringBuilder();
        lines.Append("Path: ").Append(path).Append("\r\n");
        lines.Append("X-RequestId: ").Append(requestId).Append("\r\n");
        lines.Append("X-Timestamp: ").Append(now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append("\r\n");
        if (contentType is not null)
        {
            lines.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        return lines.ToString();
    }
}
