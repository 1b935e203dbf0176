using LiveAssist.Dialogs.Locales;
using Microsoft.Extensions.Logging;

namespace LiveAssist.Dialogs.Content;

/// <summary>
/// The flows and texts the bot runs. Reloads from disk when files change: each changed file is
/// validated with the rest; a file that fails keeps its last good version in force (a new broken file
/// is simply not used) and the rejection, with line and reason, goes to the log. Publishing writes a
/// validated file atomically and reloads at once.
/// </summary>
public sealed partial class DialogContentStore
{
    private readonly DialogContentBuilder _builder;
    private readonly ContentFiles _files;
    private readonly LocaleTexts _liveTexts;
    private readonly ContentLog _log;
    private readonly IEnumerable<IContentChangeObserver> _observers;
    private readonly ILogger<DialogContentStore> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile DialogContent _current;
    private IReadOnlyDictionary<string, string> _lastSeen = new Dictionary<string, string>();
    private Dictionary<string, IReadOnlyList<ContentProblem>> _rejected = new(StringComparer.Ordinal);

    public DialogContentStore(DialogContentBuilder builder, ContentFiles files, LocaleTexts liveTexts, ContentLog log, IEnumerable<IContentChangeObserver> observers, ILogger<DialogContentStore> logger)
    {
        _builder = builder;
        _files = files;
        _liveTexts = liveTexts;
        _log = log;
        _observers = observers;
        _logger = logger;
        _current = new DialogContent([], new Dictionary<string, IReadOnlyDictionary<string, string[]>>(), builder.Fallbacks, new Dictionary<string, string>(), []);
        LoadedFingerprint = files.Fingerprint(); // taken before reading: an edit during the read is seen as a change
        Apply(files.ReadAll(), "startup", notify: false);
    }

    public DialogContent Current => _current;

    public ContentFiles Files => _files;

    /// <summary>The folders' fingerprint when the store first read them, so an edit made while the host starts is not taken as the baseline.</summary>
    public string LoadedFingerprint { get; }

    /// <summary>Files on disk that are not in force, and why.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ContentProblem>> Rejected => _rejected;

    /// <summary>The published content with <paramref name="drafts"/> laid over it, checked as a whole (nothing is written).</summary>
    public ContentBuild Preview(IReadOnlyDictionary<string, string> drafts)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var files = new Dictionary<string, string>(_current.Files, StringComparer.Ordinal);
        foreach (var (path, text) in drafts)
        {
            files[path] = text;
        }

        return _builder.Build(files);
    }

    /// <summary>Validates <paramref name="text"/> with the rest of the content; if it holds, writes it atomically and puts it in force.</summary>
    public Task<ContentBuild> PublishAsync(string path, string text, string author, string kind, CancellationToken cancellationToken)
        => PublishAsync(new Dictionary<string, string> { [path] = text }, author, kind, cancellationToken);

    /// <summary>
    /// Validates several files together (one text in every language) and writes them only if all hold, so a
    /// broken one never half-saves the others; they go in force as one content version.
    /// </summary>
    public async Task<ContentBuild> PublishAsync(IReadOnlyDictionary<string, string> files, string author, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var build = Preview(files);
            if (!build.Succeeded)
            {
                foreach (var path in files.Keys)
                {
                    _log.Add(ContentLogEntry.Rejected, path, author, $"{kind} refused: {build.Errors.Count()} problem(s)", [.. build.Errors]);
                }

                return build;
            }

            foreach (var (path, text) in files)
            {
                await _files.WriteAtomicallyAsync(path, text, cancellationToken).ConfigureAwait(false);
            }

            await ApplyAsync(_files.ReadAll(), author, kind, cancellationToken).ConfigureAwait(false);
            return build;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the folders and puts what changed in force (the watcher calls this).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ApplyAsync(_files.ReadAll(), "disk", "reload", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ApplyAsync(Dictionary<string, string> disk, string author, string kind, CancellationToken cancellationToken)
    {
        var previous = _current.Files;
        var accepted = Apply(disk, author, notify: true, kind);
        foreach (var (path, text) in accepted)
        {
            foreach (var observer in _observers)
            {
                await observer.OnAcceptedAsync(path, previous.GetValueOrDefault(path), text, author, kind, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Builds from <paramref name="disk"/>, falling back to the last good version of each failing file; returns the changes that went live.</summary>
    private List<(string Path, string? Text)> Apply(Dictionary<string, string> disk, string author, bool notify, string kind = "reload")
    {
        var previous = _current.Files;
        var changed = disk.Where(f => !_lastSeen.TryGetValue(f.Key, out var seen) || seen != f.Value).Select(f => f.Key)
            .Concat(_lastSeen.Keys.Where(p => !disk.ContainsKey(p))).ToHashSet(StringComparer.Ordinal);
        _lastSeen = disk;
        if (changed.Count == 0 && notify)
        {
            return [];
        }

        var candidate = new Dictionary<string, string>(disk, StringComparer.Ordinal);
        var firstProblems = new Dictionary<string, List<ContentProblem>>(StringComparer.Ordinal);
        var build = _builder.Build(candidate);
        for (var round = 0; !build.Succeeded && round < 4; round++)
        {
            foreach (var failing in build.Errors.GroupBy(p => p.Path).Where(g => !firstProblems.ContainsKey(g.Key)))
            {
                firstProblems[failing.Key] = [.. failing];
            }

            foreach (var bad in build.Errors.Select(p => p.Path).Distinct().ToList())
            {
                if (previous.TryGetValue(bad, out var good))
                {
                    candidate[bad] = good;
                }
                else
                {
                    candidate.Remove(bad);
                }
            }

            // A file deleted on disk that others still need comes back until they stop needing it.
            if (round >= 1)
            {
                foreach (var (path, text) in previous.Where(p => !candidate.ContainsKey(p.Key)))
                {
                    candidate[path] = text;
                }
            }

            build = _builder.Build(candidate);
        }

        var live = new List<(string, string?)>();
        if (build.Content is { } content)
        {
            _current = content;
            _liveTexts.Replace(content.TextTable);
            foreach (var path in changed.Order(StringComparer.Ordinal))
            {
                var inForce = content.Files.TryGetValue(path, out var text) ? text : null;
                var wanted = disk.TryGetValue(path, out var onDisk) ? onDisk : null;
                if (inForce == wanted)
                {
                    live.Add((path, wanted));
                    if (notify)
                    {
                        _log.Add(ContentLogEntry.Accepted, path, author, wanted is null ? $"{kind}: removed" : $"{kind}: in force (content {content.Version})", content.Warnings.Where(w => w.Path == path).ToList());
                    }
                }
            }
        }

        var rejected = new Dictionary<string, IReadOnlyList<ContentProblem>>(StringComparer.Ordinal);
        foreach (var (path, problems) in firstProblems)
        {
            rejected[path] = problems;
            if (changed.Contains(path) || !notify)
            {
                var keeps = _current.Files.ContainsKey(path) ? "the last good version keeps serving" : "the file is not used";
                _log.Add(ContentLogEntry.Rejected, path, author, $"{kind}: rejected, {keeps}: {problems[0]}", problems);
                LogRejected(_logger, path, problems.Count, problems[0].ToString());
            }
        }

        _rejected = rejected;
        return live;
    }

    [LoggerMessage(1, LogLevel.Warning, "Dialog content {Path} rejected ({Count} problem(s)), first: {First}")]
    private static partial void LogRejected(ILogger logger, string path, int count, string first);
}
