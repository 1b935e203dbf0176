using System.Text;
using System.Text.Json;

namespace LiveAssist.Captions.Delivery;

/// <summary>A Server-Sent Event ready to write: <c>id</c> only on final captions, so a reconnecting overlay's Last-Event-ID is the last final it saw.</summary>
public sealed record SseEvent(string Name, long Seq, bool IsFinal, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>For a final caption: when its line reached the host, so each stream can measure the server's own delay.</summary>
    public DateTimeOffset? LineReceivedAt { get; init; }

    /// <summary>The caption language the event is in, so a stream carrying several languages can keep each one's place.</summary>
    public string? Lang { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SseEvent Create<T>(string name, long seq, bool isFinal, T payload, string? lang = null)
    {
        var builder = new StringBuilder(256);
        if (isFinal)
        {
            builder.Append("id: ").Append(seq).Append('\n');
        }

        // JSON without indentation is one line; line breaks inside strings are escaped.
        builder.Append("event: ").Append(name).Append('\n')
            .Append("data: ").Append(JsonSerializer.Serialize(payload, Json)).Append("\n\n");
        return new SseEvent(name, seq, isFinal, Encoding.UTF8.GetBytes(builder.ToString())) { Lang = lang };
    }
}
