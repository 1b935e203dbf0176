namespace LiveAssist.Dialogs.Content;

/// <summary>
/// Reads one kind of operator-edited file that is not a flow or a text (the compliance rule packs), so it goes
/// through the same store as flows and texts: validated with line numbers, hot-reloaded, kept in history, and a
/// broken file keeps its last good version in force. Registered by the capability that owns the kind.
/// </summary>
public interface IContentPackReader
{
    ContentKind Kind { get; }

    /// <summary>The file parsed and validated; throws <see cref="ContentException"/> with each problem's line.</summary>
    object Read(string path, string text);
}
