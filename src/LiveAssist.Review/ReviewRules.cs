using LiveAssist.Dialogs.Content;
using LiveAssist.Review.Rules;

namespace LiveAssist.Review;

/// <summary>
/// The rule packs in force: read from the dialogs' content store (so they reload, validate and keep history with flows
/// and texts). The flat rule list is rebuilt only when the content version changes.
/// </summary>
public sealed class ReviewRules(IServiceProvider services)
{
    private (DialogContent Content, IReadOnlyList<ReviewRule> Rules)? _cached;

    private DialogContentStore Store => (DialogContentStore)services.GetService(typeof(DialogContentStore))!;

    public IReadOnlyList<ReviewRule> Current
    {
        get
        {
            var content = Store.Current;
            if (_cached is { } cached && ReferenceEquals(cached.Content, content))
            {
                return cached.Rules;
            }

            // Packs in file order; a rule id used again in a later pack replaces the earlier one (a merchant's override file).
            var rules = new Dictionary<string, ReviewRule>(StringComparer.Ordinal);
            foreach (var pack in Packs(content))
            {
                foreach (var rule in pack.Rules)
                {
                    rules.Remove(rule.Id);
                    rules[rule.Id] = rule;
                }
            }

            IReadOnlyList<ReviewRule> list = [.. rules.Values];
            _cached = (content, list);
            return list;
        }
    }

    /// <summary>What the console and the review endpoint show: packs in force and files refused (line and reason).</summary>
    public RulesStatus Status()
    {
        var store = Store;
        var packs = Packs(store.Current).Select(p => new PackStatus(p.Path, p.Id, p.Title, p.Rules.Count)).ToList();
        var rejected = store.Rejected.Where(r => ContentPath.KindOf(r.Key) == ContentKind.Review)
            .Select(r => new RejectedPack(r.Key, r.Value[0].Line, r.Value[0].Column, r.Value[0].Message,
                store.Current.Packs.ContainsKey(r.Key) ? "上一个正确版本继续生效（the last good version keeps serving）" : "此文件未启用（the file is not used）"))
            .ToList();
        return new RulesStatus(store.Current.Version, packs, rejected);
    }

    private static IEnumerable<RulePack> Packs(DialogContent content)
        => content.Packs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).OfType<RulePack>();
}

public sealed record RulesStatus(string Version, IReadOnlyList<PackStatus> Packs, IReadOnlyList<RejectedPack> Rejected);

public sealed record PackStatus(string Path, string Id, string Title, int Rules);

public sealed record RejectedPack(string Path, int Line, int Column, string Message, string InForce);
