using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveAssist.BotFramework.Schema;

/// <summary>A clickable action (imBack, postBack, messageBack, openUrl, ...).</summary>
public sealed class CardAction
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonElement? Value { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
