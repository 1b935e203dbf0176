using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.Dialogs.Content;

namespace LiveAssist.Operator.Texts;

/// <summary>One text in one language: a single text, or variations (one per line in the form).</summary>
public sealed record TextCell(string Text, bool IsList);

/// <summary>One row of the side-by-side form: a text key and its cell per language (absent: that language falls back).</summary>
public sealed record TextRow(string Key, IReadOnlyDictionary<string, TextCell> Cells);

/// <summary>
/// The texts of one locale file name (<c>bot</c>, <c>qa</c>, …) across every language folder that has it,
/// read from the content in force: one row per key, in the order of the first fallback language's file.
/// </summary>
public static class LocaleTextTable
{
    public static IReadOnlyList<string> FileNames(IReadOnlyDictionary<string, string> files)
        => [.. files.Keys.Where(p => ContentPath.KindOf(p) == ContentKind.Locale).Select(TextReviewMarks.FileOf).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Language → path of <paramref name="file"/> in that language, for the languages that have it.</summary>
    public static SortedDictionary<string, string> PathsOf(IReadOnlyDictionary<string, string> files, string file)
    {
        var paths = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in files.Keys.Where(p => ContentPath.KindOf(p) == ContentKind.Locale && TextReviewMarks.FileOf(p) == file))
        {
            paths[ContentPath.LanguageOf(path)] = path;
        }

        return paths;
    }

    public static IReadOnlyList<TextRow> Rows(IReadOnlyDictionary<string, string> files, string file, IEnumerable<string> keyOrderLanguages)
    {
        var paths = PathsOf(files, file);
        var byLanguage = paths.ToDictionary(p => p.Key, p => JsonNode.Parse(files[p.Value]) as JsonObject ?? [], StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var language in keyOrderLanguages.Where(byLanguage.ContainsKey).Concat(byLanguage.Keys))
        {
            keys.AddRange(byLanguage[language].Select(p => p.Key).Where(k => !keys.Contains(k, StringComparer.Ordinal)));
        }

        return [.. keys.Select(key => new TextRow(key, byLanguage
            .Where(l => l.Value[key] is not null)
            .ToDictionary(l => l.Key, l => CellOf(l.Value[key]!), StringComparer.Ordinal)))];
    }

    private static TextCell CellOf(JsonNode node) => node.GetValueKind() == JsonValueKind.Array
        ? new TextCell(string.Join('\n', node.AsArray().Select(v => v?.GetValue<string>() ?? string.Empty)), true)
        : new TextCell(node.GetValue<string>(), false);
}
