using LiveAssist.Dialogs.Content;
using LiveAssist.Review.Rules;

namespace LiveAssist.Review;

/// <summary>
/// The rule packs in force: read from the dialogs' content store (so they reload, validate and keep history with flows
/// and texts). The flat rule list is rebuilt only when the content version changes.
/// </summary>
public sealed class ReviewRules
{
    private readonly IServiceProvider? _services;
    private readonly IReadOnlyList<ReviewRule>? _fixed;
    private volatile Compiled? _cached; // one reference, so workers of several lives never see half of a swap

    public ReviewRules(IServiceProvider services) => _services = services;

    private ReviewRules(IReadOnlyList<ReviewRule> rules) => _fixed = rules;

    /// <summary>A fixed set of packs, without the content store (the benchmark, tools).</summary>
    public static ReviewRules Of(IEnumerable<RulePack> packs) => new(Flatten(packs));

    // Resolved on use: the store's content readers include this capability's own.
    private DialogContentStore Store => (DialogContentStore)_services!.GetService(typeof(DialogContentStore))!;

    public IReadOnlyList<ReviewRule> Current
    {
        get
        {
            if (_fixed is not null)
            {
                return _fixed;
            }

            var content = Store.Current;
            if (_cached is { } cached && ReferenceEquals(cached.Content, content))
            {
                return cached.Rules;
            }

            var list = Flatten(Packs(content));
            _cached = new Compiled(content, list);
            return list;
        }
    }

    // Packs in file order; a rule id used again in a later pack replaces the earlier one (a merchant's override file).
    private static IReadOnlyList<ReviewRule> Flatten(IEnumerable<RulePack> packs)
    {
        var rules = new Dictionary<string, ReviewRule>(StringComparer.Ordinal);
        foreach (var rule in packs.SelectMany(p => p.Rules))
        {
            rules.Remove(rule.Id);
            rules[rule.Id] = rule;
        }

        return [.. rules.Values];
    }

    /// <summary>What the console and the review endpoint show: packs in force and files refused (line and reason).</summary>
    public RulesStatus Status()
    {
        if (_fixed is not null)
        {
            return new RulesStatus("fixed", [], []);
        }

        var store = Store;
        var packs = Packs(store.Current).Select(p => new PackStatus(p.Path, p.Id, p.Title, p.Rules.Count)).ToList();
        var rejected = store.Rejected.Where(r => ContentPath.KindOf(r.Key) == ContentKind.Review)
            .Select(r => new RejectedPack(r.Key, r.Value[0].Line, r.Value[0].Column, r.Value[0].Message,
                store.Current.Packs.ContainsKey(r.Key) ? "上一个正确版本继续生效（the last good version keeps serving）" : "此文件未启用（the file is not used）"))
            .ToList();
        return new RulesStatus(store.Current.Version, packs, rejected);
    }

    private sealed record Compiled(DialogContent Content, IReadOnlyList<ReviewRule> Rules);

    private static IEnumerable<RulePack> Packs(DialogContent content)
        => content.Packs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).OfType<RulePack>();
}

public sealed record RulesStatus(string Version, IReadOnlyList<PackStatus> Packs, IReadOnlyList<RejectedPack> Rejected);

public sealed record PackStatus(string Path, string Id, string Title, int Rules);

public sealed record RejectedPack(string Path, int Line, int Column, string Message, string InForce);
