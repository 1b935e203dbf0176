using LiveAssist.BotFramework.Schema;

namespace LiveAssist.DirectLine;

/// <summary>
/// A conversation log shared by several hosts (LiveAssist.Redis), so a buyer's poll or WebSocket continues on any host.
/// Each host keeps its <see cref="DirectLineConversation"/> as a copy of it. Every member answers null (or false) when
/// the shared log cannot be reached: the host then goes on with its own copy.
/// </summary>
public interface IDirectLineLog
{
    /// <summary>The watermark epoch all hosts use, so a watermark from one host is understood by another.</summary>
    string? Epoch { get; }

    /// <summary>
    /// Gives the activity the conversation's next position (across hosts), stores it and tells the other hosts. The
    /// activity's id holds <see cref="PositionPlaceholder"/>, which the log replaces with the position.
    /// </summary>
    Task<long?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>
    /// An activity this host kept at <paramref name="position"/> of its own copy while the log could not be reached (or
    /// while earlier ones still wait): the log stores it there when it can, so the conversation goes on from it on any host.
    /// </summary>
    Task KeepForLaterAsync(string conversationId, long position, Activity activity, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The activities after <paramref name="after"/>, oldest first, with their positions.</summary>
    Task<IReadOnlyList<(long Position, Activity Activity)>?> ReadAfterAsync(string conversationId, long after, CancellationToken cancellationToken);

    /// <summary>True for the first host to start the conversation; null when the log cannot be reached.</summary>
    Task<bool?> StartAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>True the first time a user is announced to the bot in the conversation, on any host; null when the log cannot be reached.</summary>
    Task<bool?> AnnounceAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>Stands for the position in an activity's id until the log gives it one.</summary>
    public const string PositionPlaceholder = "@@LIVEASSIST_POSITION@@";
}
