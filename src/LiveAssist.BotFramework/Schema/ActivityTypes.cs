namespace LiveAssist.BotFramework.Schema;

/// <summary>The activity <c>type</c> values of the Bot Framework Activity spec v3.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string EndOfConversation = "endOfConversation";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string ContactRelationUpdate = "contactRelationUpdate";
    public const string DeleteUserData = "deleteUserData";
    public const string Suggestion = "suggestion";
    public const string Trace = "trace";
    public const string Handoff = "handoff";
    public const string Command = "command";
    public const string CommandResult = "commandResult";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        Message, ConversationUpdate, Typing, Event, Invoke, EndOfConversation, InstallationUpdate,
        MessageReaction, MessageUpdate, MessageDelete, ContactRelationUpdate, DeleteUserData,
        Suggestion, Trace, Handoff, Command, CommandResult,
    };

    /// <summary>True for every type the spec defines (compared ordinally, as the spec requires).</summary>
    public static bool IsKnown(string? type) => type is not null && Known.Contains(type);
}
