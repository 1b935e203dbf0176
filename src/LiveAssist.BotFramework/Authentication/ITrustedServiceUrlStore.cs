namespace LiveAssist.BotFramework.Authentication;

/// <summary>
/// Keeps the serviceUrls authenticated channels vouched for, so that after a restart the bot can still
/// answer conversations it was in (a merchant's reply to a handoff made yesterday).
/// </summary>
public interface ITrustedServiceUrlStore
{
    /// <summary>Every serviceUrl kept so far, newest first; at most <paramref name="limit"/>.</summary>
    IReadOnlyList<string> Load(int limit);

    /// <summary>Keeps one more serviceUrl (normalized with a trailing slash).</summary>
    void Save(string serviceUrl);
}
