using System.Text;

namespace LiveAssist.Dialogs.Content;

/// <summary>
/// The dialog and locale files on disk, addressed by their content paths (<see cref="ContentPath"/>).
/// Writes go to a temporary file in the same folder, flushed, then renamed over the target, so a
/// reader (the watcher, the bot, git) sees the old file or the new one, never half of one.
/// The compliance rule packs (<c>review/</c>) travel the same way: same validation, history and hot reload.
/// </summary>
public sealed class ContentFiles(string dialogsDirectory, string localesDirectory, string? reviewDirectory = null)
{
    public string DialogsDirectory { get; } = Path.GetFullPath(dialogsDirectory);

    public string LocalesDirectory { get; } = Path.GetFullPath(localesDirectory);

    /// <summary>The rule packs' folder; null when this set of files has none (a test reading only flows and texts).</summary>
    public string? ReviewDirectory { get; } = reviewDirectory is null ? null : Path.GetFullPath(reviewDirectory);

    /// <summary>The disk location of a content path; throws for a path that is not one.</summary>
    public string FullPath(string path)
    {
        var full = ContentPath.KindOf(path) switch
        {
            ContentKind.Flow => Path.Combine(DialogsDirectory, path["dialogs/".Length..]),
            ContentKind.Locale => Path.Combine(LocalesDirectory, path["locales/".Length..]),
            ContentKind.Review when ReviewDirectory is not null => Path.Combine(ReviewDirectory, path["review/".Length..]),
            _ => throw new ArgumentException($"'{path}' is not a dialog, locale or review file path.", nameof(path)),
        };

        // The pattern already excludes "..", but the final check is on the resolved path.
        full = Path.GetFullPath(full);
        return full.StartsWith(DialogsDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || full.StartsWith(LocalesDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || (ReviewDirectory is not null && full.StartsWith(ReviewDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            ? full
            : throw new ArgumentException($"'{path}' resolves outside the content folders.", nameof(path));
    }

    /// <summary>Every flow and locale file: content path → text.</summary>
    public Dictionary<string, string> ReadAll()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, full) in Enumerate())
        {
            try
            {
                files[path] = File.ReadAllText(full, Encoding.UTF8);
            }
            catch (IOException)
            {
                // Deleted or being replaced between listing and reading: the next check sees it settled.
            }
        }

        return files;
    }

    /// <summary>A cheap fingerprint (names, sizes, times) that changes when any file does.</summary>
    public string Fingerprint()
    {
        var builder = new StringBuilder();
        foreach (var (path, full) in Enumerate())
        {
            var info = new FileInfo(full);
            if (info.Exists)
            {
                builder.Append(path).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
            }
        }

        return builder.ToString();
    }

    public async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var target = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
                // fsync before the rename, so a crash never leaves an empty file in force; there is no async form of it.
#pragma warning disable CA1849
                stream.Flush(flushToDisk: true);
#pragma warning restore CA1849
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private IEnumerable<(string Path, string Full)> Enumerate()
    {
        if (Directory.Exists(DialogsDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(DialogsDirectory, "*.json").Order(StringComparer.Ordinal))
            {
                var path = "dialogs/" + Path.GetFileName(file);
                if (ContentPath.IsValid(path))
                {
                    yield return (path, file);
                }
            }
        }

        if (Directory.Exists(LocalesDirectory))
        {
            foreach (var dir in Directory.EnumerateDirectories(LocalesDirectory).Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
                {
                    var path = "locales/" + Path.GetFileName(dir) + "/" + Path.GetFileName(file);
                    if (ContentPath.IsValid(path))
                    {
                        yield return (path, file);
                    }
                }
            }
        }

        if (ReviewDirectory is not null && Directory.Exists(ReviewDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(ReviewDirectory, "*.json").Order(StringComparer.Ordinal))
            {
                var path = "review/" + Path.GetFileName(file);
                if (ContentPath.IsValid(path))
                {
                    yield return (path, file);
                }
            }
        }
    }
}
