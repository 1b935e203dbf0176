using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveAssist.BotFramework.Schema;

/// <summary>
/// Activity metadata such as a mention. Only <see cref="Type"/> is typed; everything else is kept as
/// raw JSON so unknown entity types pass through untouched.
/// </summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Reads this entity as a mention, or null when it is not one.</summary>
    public Mention? AsMention()
    {
        if (!string.Equals(Type, "mention", StringComparison.OrdinalIgnoreCase) || Properties is null)
        {
            return null;
        }

        var mentioned = Properties.TryGetValue("mentioned", out var m) && m.ValueKind == JsonValueKind.Object
            ? m.Deserialize<ChannelAccount>(ActivitySerializer.Options)
            : null;
        var text = Properties.TryGetValue("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return new Mention(mentioned, text);
    }
}

/// <summary>A typed view of a <c>mention</c> entity.</summary>
public sealed record Mention(ChannelAccount? Mentioned, string? Text);
