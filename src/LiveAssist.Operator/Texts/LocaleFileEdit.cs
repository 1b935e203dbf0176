using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveAssist.Operator.Texts;

/// <summary>
/// Sets one key of a locale file and gives the file's new text, keeping the other keys and their order.
/// A text with several lines, or one that was a list, becomes a list of variations (one per non-empty line);
/// an empty text removes the key, so that language falls back again.
/// </summary>
public static class LocaleFileEdit
{
    private static readonly JsonSerializerOptions Written = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Chinese, Arabic and Russian stay readable in the file and its diffs
    };

    public static string With(string? fileText, string key, string value, bool wasList)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var root = (fileText is null ? null : JsonNode.Parse(fileText) as JsonObject) ?? [];
        var lines = value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            root.Remove(key);
        }
        else
        {
            root[key] = wasList || lines.Count > 1 ? new JsonArray([.. lines.Select(l => (JsonNode)JsonValue.Create(l)!)]) : JsonValue.Create(value.Trim());
        }

        var text = root.ToJsonString(Written);
        return fileText is null || fileText.EndsWith('\n') ? text + "\n" : text;
    }
}
