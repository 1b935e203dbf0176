using System.Security.Cryptography;
using System.Text;
using LiveAssist.Dialogs.Flows;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.Dialogs.Content;

/// <summary>
/// One consistent set of flows and texts: what the bot runs (the published set) or what the operator
/// previews (the published set with drafts laid over it). Immutable; replaced whole.
/// </summary>
public sealed class DialogContent
{
    public DialogContent(IReadOnlyList<Flow> flows, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> texts, IReadOnlyList<string> fallbacks, IReadOnlyDictionary<string, string> files, IReadOnlyList<ContentProblem> warnings,
        IReadOnlyDictionary<string, object>? packs = null)
    {
        Packs = packs ?? new Dictionary<string, object>();
        Texts = new LocaleTexts(texts, fallbacks);
        Flows = flows;
        _byId = flows.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        TextTable = texts;
        Files = files;
        Warnings = warnings;
        Version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + '\0' + f.Value)))))[..12].ToLowerInvariant();
    }

    private readonly Dictionary<string, Flow> _byId;

    /// <summary>Flows in file-name order: when two flows have the same trigger, the first wins.</summary>
    public IReadOnlyList<Flow> Flows { get; }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> TextTable { get; }

    /// <summary>These texts with the usual fallbacks: what a preview of this content says.</summary>
    public LocaleTexts Texts { get; }

    /// <summary>Repository-relative path → the text in force.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    public IReadOnlyList<ContentProblem> Warnings { get; }

    /// <summary>Other content kinds (rule packs) as their <see cref="IContentPackReader"/> read them: path → pack.</summary>
    public IReadOnlyDictionary<string, object> Packs { get; }

    public string Version { get; }

    /// <summary>Looked up for every step a turn runs, hence the dictionary.</summary>
    public Flow? Find(string? id) => id is not null && _byId.TryGetValue(id, out var flow) ? flow : null;
}

/// <summary>The outcome of reading a set of files: the content, or why it cannot be used.</summary>
public sealed record ContentBuild(DialogContent? Content, IReadOnlyList<ContentProblem> Problems)
{
    public bool Succeeded => Content is not null;

    public IEnumerable<ContentProblem> Errors => Problems.Where(p => p.IsError);
}

/// <summary>Reads and cross-checks a set of dialog and locale files.</summary>
public sealed class DialogContentBuilder(FlowCapabilities capabilities, IReadOnlyList<string> fallbacks, IEnumerable<IContentPackReader>? packReaders = null)
{
    private readonly IContentPackReader[] _packReaders = [.. packReaders ?? []];

    public IReadOnlyList<string> Fallbacks => fallbacks;

    public ContentBuild Build(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<ContentProblem>();
        var textFiles = new List<(string, IReadOnlyDictionary<string, string[]>)>();
        var flows = new List<Flow>();
        var packs = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (path, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            try
            {
                switch (ContentPath.KindOf(path))
                {
                    case ContentKind.Locale:
                        textFiles.Add((ContentPath.LanguageOf(path), LocaleTexts.ReadFile(path, text)));
                        break;
                    case ContentKind.Flow:
                        flows.Add(FlowReader.Read(path, text));
                        break;
                    case var kind when _packReaders.FirstOrDefault(r => r.Kind == kind) is { } reader:
                        packs[path] = reader.Read(path, text);
                        break;
                }
            }
            catch (ContentException ex)
            {
                problems.AddRange(ex.Problems);
            }
        }

        var table = LocaleTexts.Merge(textFiles);
        problems.AddRange(FlowValidator.Validate(flows, table, fallbacks, capabilities));
        return problems.Any(p => p.IsError)
            ? new ContentBuild(null, problems)
            : new ContentBuild(new DialogContent(flows, table, fallbacks, files, problems, packs), problems);
    }
}
