using System.Text.RegularExpressions;

namespace LiveAssist.BotFramework.Schema;

/// <summary>Removes the bot's own @mention from a Teams message before the text is understood or translated.</summary>
public static class MentionText
{
    /// <summary>Returns the activity text without any mention of <c>recipient</c>, trimmed.</summary>
    public static string? RemoveRecipientMention(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text;
        if (string.IsNullOrEmpty(text) || activity.Entities is null || activity.Recipient?.Id is not { } botId)
        {
            return text;
        }

        foreach (var entity in activity.Entities)
        {
            if (entity.AsMention() is not { } mention || mention.Mentioned?.Id != botId)
            {
                continue;
            }

            var markup = mention.Text ?? $"<at>{mention.Mentioned.Name}</at>";
            text = Regex.Replace(text, Regex.Escape(markup), string.Empty, RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
        }

        return text.Replace("&nbsp;", " ", StringComparison.Ordinal).Trim();
    }
}
