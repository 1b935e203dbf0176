namespace LiveAssist.Speech.Recognition;

/// <summary>
/// What speech recognizers "hear" in silence or music: subtitle credits from their training data
/// (字幕由Amara.org社群提供, 请不吝点赞订阅转发打赏, "Thanks for watching") and the same line again and
/// again. Such recognized lines are dropped before captioning and counted for the console. Typed lines are
/// never dropped: the host meant them.
/// </summary>
public static class HallucinationGuard
{
    private static readonly string[] KnownPhrases =
    [
        "字幕由amara.org社群提供", "amara.org", "请不吝点赞订阅转发打赏", "请不吝点赞 订阅 转发 打赏", "明镜与点点栏目", "点点栏目", "优优独播剧场", "yoyo television series exclusive",
        "中文字幕", "字幕志愿者", "字幕制作", "谢谢观看", "感谢观看", "多谢观看", "请订阅我的频道", "订阅我的频道", "thanks for watching", "thank you for watching",
        "subtitles by", "由 amara.org 社区提供的字幕", "本字幕由", "詞曲", "作词", "作曲",
    ];

    /// <summary>True when <paramref name="text"/>, recognized by <paramref name="recognizer"/>, is a known hallucination or repeats the last recognized lines.</summary>
    public static bool IsHallucination(string text, string recognizer, IReadOnlyList<string> recentRecognized, out string reason)
        => IsHallucination(text, recognizer, recentRecognized, null, out reason);

    /// <param name="audioMs">How much audio a recognizer heard for the line (for the browser's, how long the console's level
    /// meter heard sound since the last line: text out of silence was not said): a whole sentence out of a
    /// moment of sound (music, a cough, the room between phrases) was not said.</param>
    public static bool IsHallucination(string text, string recognizer, IReadOnlyList<string> recentRecognized, long? audioMs, out string reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(recentRecognized);
        reason = string.Empty;
        if (recognizer is "typed")
        {
            return false;
        }

        var compact = new string([.. text.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c))]).ToLowerInvariant();
        var known = KnownPhrases.FirstOrDefault(p => compact.Contains(new string([.. p.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c))]), StringComparison.Ordinal));
        if (known is not null && compact.Length <= known.Length + 12)
        {
            reason = "known-phrase";
            return true;
        }

        // Mandarin runs at about four to seven syllables a second, a fast seller under nine: far more text than that was not heard.
        // For the browser's recognizer the time is what the console's level meter heard above the noise floor.
        var syllables = compact.Count(c => c >= '\u3400' && c <= '\u9FFF');
        if (audioMs is { } heard && heard < MinVoicedMs && recognizer is "browser" && syllables >= 2)
        {
            reason = "text-during-silence";
            return true;
        }

        if (audioMs is > 0 and var audio && syllables > 6 && syllables > 4 + (audio / 1000.0 * MaxSyllablesPerSecond))
        {
            reason = "too-long-for-audio";
            return true;
        }

        // The same recognized line twice in a row already: a recognizer looping on silence.
        if (recentRecognized.Count >= 2 && recentRecognized.TakeLast(2).All(r => r == compact) && compact.Length > 0)
        {
            reason = "repeated";
            return true;
        }

        return false;
    }

    private const double MaxSyllablesPerSecond = 9;

    // Less sound than one short syllable (the meter samples every 50 ms).
    private const long MinVoicedMs = 150;

    /// <summary>The form lines are compared in.</summary>
    public static string Compact(string text) => new string([.. (text ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c))]).ToLowerInvariant();
}
