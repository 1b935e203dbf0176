using LiveAssist.BotFramework.Schema;

namespace LiveAssist.BotFramework.State;

/// <summary>Storage keys for conversation and user state, scoped by channel so ids from two channels never collide.</summary>
public static class StateKeys
{
    public static string? Conversation(Activity activity)
        => activity.ChannelId is { } channel && activity.Conversation?.Id is { } id ? $"conversation/{channel}/{id}" : null;

    public static string? User(Activity activity)
        => activity.ChannelId is { } channel && activity.From?.Id is { } id ? $"user/{channel}/{id}" : null;
}
