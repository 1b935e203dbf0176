using System.Text.Json;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests;

/// <summary>Reads the shipped texts, so tests check the bot said what the operator wrote, not a copy of it.</summary>
internal static class LocaleFile
{
    /// <summary>The key's texts, from whichever of the language's files holds it.</summary>
    public static IReadOnlyList<string> Variations(string language, string key)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Locales, language), "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            if (document.RootElement.TryGetProperty(key, out var value))
            {
                return value.ValueKind == JsonValueKind.Array
                    ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
                    : [value.GetString()!];
            }
        }

        throw new KeyNotFoundException($"No text '{key}' in locales/{language}");
    }

    /// <summary>True when <paramref name="text"/> is one of the key's variations with its slots filled in.</summary>
    public static bool IsVariation(string language, string key, string? text)
        => text is not null && Variations(language, key).Any(template =>
        {
            // Every slot, plural choices included ("{qty, plural, one {# piece} other {# pieces}}"), matches anything.
            var pattern = new System.Text.StringBuilder("^");
            var depth = 0;
            foreach (var c in template)
            {
                if (c == '{' && depth++ == 0)
                {
                    pattern.Append(".*");
                }
                else if (c == '}' && depth > 0)
                {
                    depth--;
                }
                else if (depth == 0)
                {
                    pattern.Append(System.Text.RegularExpressions.Regex.Escape(c.ToString()));
                }
            }

            return System.Text.RegularExpressions.Regex.IsMatch(text, pattern.Append('$').ToString(), System.Text.RegularExpressions.RegexOptions.Singleline);
        });
}
