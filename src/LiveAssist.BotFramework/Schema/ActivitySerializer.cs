using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveAssist.BotFramework.Schema;

/// <summary>
/// The one JSON contract for activities: camelCase, nulls omitted, unknown fields kept.
/// </summary>
public static class ActivitySerializer
{
    /// <summary>Options every activity read or write in this service uses.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Deep nesting in an activity is never legitimate and is a cheap way to burn CPU.
            MaxDepth = 64,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, Options);

    public static byte[] SerializeToUtf8Bytes(Activity activity) => JsonSerializer.SerializeToUtf8Bytes(activity, Options);

    /// <summary>Parses an activity; throws <see cref="JsonException"/> on malformed JSON or a non-object root.</summary>
    public static Activity Deserialize(ReadOnlySpan<byte> utf8Json)
        => JsonSerializer.Deserialize<Activity>(utf8Json, Options) ?? throw new JsonException("The body is JSON null, not an activity.");

    public static Activity Deserialize(string json)
        => JsonSerializer.Deserialize<Activity>(json, Options) ?? throw new JsonException("The body is JSON null, not an activity.");

    public static async ValueTask<Activity> DeserializeAsync(Stream utf8Json, CancellationToken cancellationToken)
        => await JsonSerializer.DeserializeAsync<Activity>(utf8Json, Options, cancellationToken).ConfigureAwait(false)
           ?? throw new JsonException("The body is JSON null, not an activity.");
}
