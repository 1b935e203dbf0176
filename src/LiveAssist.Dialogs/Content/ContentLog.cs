namespace LiveAssist.Dialogs.Content;

/// <summary>One event the operator page shows: a file accepted or rejected (with why), a publish, a rollback.</summary>
public sealed record ContentLogEntry(DateTimeOffset At, string Kind, string? Path, string? User, string Message, IReadOnlyList<ContentProblem> Problems)
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}

/// <summary>The recent content events, newest last (bounded; the audit log in the operator database keeps everything).</summary>
public sealed class ContentLog(TimeProvider time)
{
    private const int Capacity = 500;
    private readonly LinkedList<ContentLogEntry> _entries = new();

    public void Add(string kind, string? path, string? user, string message, IReadOnlyList<ContentProblem>? problems = null)
    {
        lock (_entries)
        {
            _entries.AddLast(new ContentLogEntry(time.GetUtcNow(), kind, path, user, message, problems ?? []));
            if (_entries.Count > Capacity)
            {
                _entries.RemoveFirst();
            }
        }
    }

    public IReadOnlyList<ContentLogEntry> Recent(int count)
    {
        lock (_entries)
        {
            return [.. _entries.Reverse().Take(count)];
        }
    }
}

/// <summary>Told about every file version that goes live, so the operator history has disk edits too.</summary>
public interface IContentChangeObserver
{
    Task OnAcceptedAsync(string path, string? previousText, string? text, string author, string action, CancellationToken cancellationToken);
}
