using Newtonsoft.Json.Linq;

namespace LiveAssist.Dialogs.Flows;

/// <summary>One dialog flow, read from <c>dialogs/&lt;id&gt;.json</c>.</summary>
public sealed record Flow(string Id, string Path, string? Description, IReadOnlyList<FlowTrigger> Triggers, IReadOnlyList<FlowStep> Steps)
{
    /// <summary>The index of the step with this id, or of "#n", or -1.</summary>
    public int IndexOf(string? stepId)
    {
        if (stepId is null)
        {
            return -1;
        }

        if (stepId.StartsWith('#') && int.TryParse(stepId.AsSpan(1), out var index))
        {
            return index >= 0 && index < Steps.Count ? index : -1;
        }

        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].Id == stepId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>How a frame remembers a step across turns: its id, or "#n" when it has none.</summary>
    public string StepName(int index) => Steps[index].Id ?? "#" + index;
}

/// <summary>What starts a flow: an understood intent, an event or card action, the conversation starting, words, or nothing else matching.</summary>
public sealed record FlowTrigger(string? Intent, string? Event, bool ConversationStart, bool NoAnswer, string? Words, int Line);

/// <summary>One branch case: when the condition holds, continue at <see cref="Goto"/>.</summary>
public sealed record FlowCase(FlowExpression When, string Goto, JToken Source);

/// <summary>
/// One step. Which properties matter depends on <see cref="Type"/> (send, ask, branch, call, set, begin, handoff, end);
/// the schema in <c>dialogs/flow.schema.json</c> lists them.
/// </summary>
public sealed class FlowStep
{
    public const string Send = "send";
    public const string Ask = "ask";
    public const string Branch = "branch";
    public const string Call = "call";
    public const string Set = "set";
    public const string Begin = "begin";
    public const string Handoff = "handoff";
    public const string End = "end";

    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { Send, Ask, Branch, Call, Set, Begin, Handoff, End };

    public required string Type { get; init; }

    public required int Index { get; init; }

    public required JObject Source { get; init; }

    public string? Id { get; init; }

    /// <summary>Text key to send or to ask with; "=expression" names the key at run time.</summary>
    public string? Text { get; init; }

    /// <summary>Set instead of <see cref="Text"/> when the key is chosen at run time ("text": "=turn.answer.key").</summary>
    public FlowExpression? TextFrom { get; init; }

    public IReadOnlyDictionary<string, FlowExpression> Slots { get; init; } = new Dictionary<string, FlowExpression>();

    /// <summary>An object whose properties are all slots (e.g. an operation's result).</summary>
    public FlowExpression? SlotsFrom { get; init; }

    public string? Card { get; init; }

    public FlowExpression? CardArgs { get; init; }

    /// <summary>Text keys offered as buttons.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public string? Into { get; init; }

    public string? Expect { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public int MaxAttempts { get; init; } = 3;

    public string? RetryText { get; init; }

    public string? OnFail { get; init; }

    /// <summary>An ask whose answer is already known is skipped.</summary>
    public FlowExpression? SkipIf { get; init; }

    public IReadOnlyList<FlowCase> Cases { get; init; } = [];

    public string? Else { get; init; }

    public string? Operation { get; init; }

    public IReadOnlyDictionary<string, FlowExpression> Args { get; init; } = new Dictionary<string, FlowExpression>();

    public string? Var { get; init; }

    public FlowExpression? Value { get; init; }

    public string? Flow { get; init; }

    public FlowExpression? Reason { get; init; }

    public string? Next { get; init; }

    /// <summary>The steps this one can continue at, besides falling through to the next.</summary>
    public IEnumerable<string> Targets()
    {
        foreach (var c in Cases)
        {
            yield return c.Goto;
        }

        foreach (var target in new[] { Else, OnFail, Next })
        {
            if (target is not null)
            {
                yield return target;
            }
        }
    }

    /// <summary>True when the step never falls through to the following one.</summary>
    public bool EndsSequence => Type == End || Next is not null || (Type == Branch && Else is not null);

    /// <summary>Every expression in the step, for validation.</summary>
    public IEnumerable<FlowExpression> Expressions()
    {
        IEnumerable<FlowExpression?> all = [TextFrom, SlotsFrom, CardArgs, SkipIf, Value, Reason, .. Slots.Values, .. Args.Values, .. Cases.Select(c => c.When)];
        return all.OfType<FlowExpression>();
    }
}
