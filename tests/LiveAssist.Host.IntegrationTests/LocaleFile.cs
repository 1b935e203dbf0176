using System.Text.Json;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests;

/// <summary>Reads the shipped texts, so tests check the bot said what the operator wrote, not a copy of it.</summary>
internal static class LocaleFile
{
    public static IReadOnlyList<string> Variations(string language, string key, string file = "bot.json")
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Locales, language, file)));
        var value = document.RootElement.GetProperty(key);
        return value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : [value.GetString()!];
    }

    /// <summary>True when <paramref name="text"/> is one of the key's variations with its slots filled in.</summary>
    public static bool IsVariation(string language, string key, string? text)
        => text is not null && Variations(language, key).Any(template =>
        {
            var pattern = "^" + System.Text.RegularExpressions.Regex.Replace(
                System.Text.RegularExpressions.Regex.Escape(template), @"\\\{\w+}", ".*") + "$";
            return System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.Singleline);
        });
}
