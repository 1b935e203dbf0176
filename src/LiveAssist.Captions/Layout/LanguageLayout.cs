using LiveAssist.Translation;

namespace LiveAssist.Captions.Layout;

/// <summary>
/// Readability limits for one language: broadcast practice is about 42 characters a line and 17
/// characters a second for Latin script, about 16 a line for Chinese and Japanese (a character
/// carries a word's worth), two lines at most, and no caption shorter than a second.
/// </summary>
public sealed record LanguageLayout(int MaxLineChars, int MaxLines, double MaxCharsPerSecond, bool SplitsCharacters, bool RightToLeft)
{
    public const int MinDurationMs = 1000;

    public static LanguageLayout For(string language)
    {
        return LanguageTags.Primary(language) switch
        {
            "zh" or "ja" => new LanguageLayout(16, 2, 9, SplitsCharacters: true, RightToLeft: false),
            "ko" => new LanguageLayout(20, 2, 12, SplitsCharacters: false, RightToLeft: false),
            "th" => new LanguageLayout(35, 2, 15, SplitsCharacters: false, RightToLeft: false),
            "ar" or "he" or "fa" or "ur" => new LanguageLayout(42, 2, 17, SplitsCharacters: false, RightToLeft: true),
            _ => new LanguageLayout(42, 2, 17, SplitsCharacters: false, RightToLeft: false),
        };
    }
}
