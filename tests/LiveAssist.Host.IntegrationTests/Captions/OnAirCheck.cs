using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>What no caption of any test may carry (issue 16): dictionary markup, or Chinese in another language's caption.</summary>
internal static partial class OnAirCheck
{
    public static void Assert(JsonElement caption)
    {
        var lang = caption.GetProperty("lang").GetString()!;
        var flags = caption.TryGetProperty("flags", out var f) ? f.EnumerateArray().Select(x => x.GetString()).ToList() : [];
        foreach (var field in new[] { "text", "consoleText" })
        {
            if (!caption.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var text = value.GetString()!;
            Xunit.Assert.False(Markup().IsMatch(text), $"dictionary markup in a {lang} caption's {field}: {text}");
            if (lang is not ("zh" or "ja") && !flags.Contains("kept-as-written"))
            {
                Xunit.Assert.False(Han().IsMatch(text), $"Chinese characters in a {lang} caption's {field}: {text}");
            }
        }
    }

    // "上聲|上声[shang3 sheng1]": two forms joined by a bar, or pinyin with tone numbers in brackets.
    [GeneratedRegex(@"\S\|\S|\[[A-Za-z:]+[1-5]( [A-Za-z:]+[1-5])*\]")]
    private static partial Regex Markup();

    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF]")]
    private static partial Regex Han();
}
