using System.Collections.Concurrent;

namespace LiveAssist.Storage;

/// <summary>Every SQLite file the host opened, by file name, so <c>/readyz</c> can say which one is down.</summary>
public sealed class DataFiles
{
    private readonly ConcurrentDictionary<string, SqliteDatabase> _files = new(StringComparer.Ordinal);

    public void Add(string fileName, SqliteDatabase database) => _files.TryAdd(fileName, database);

    public IReadOnlyList<(string FileName, SqliteDatabase Database)> All
        => [.. _files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value))];
}
