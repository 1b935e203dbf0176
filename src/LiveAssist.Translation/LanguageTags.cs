namespace LiveAssist.Translation;

public static class LanguageTags
{
    /// <summary>The primary subtag, lowercased: "zh-CN" → "zh", "pt-BR" → "pt".</summary>
    public static string Primary(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return tag.Split('-')[0].Trim().ToLowerInvariant();
    }
}
