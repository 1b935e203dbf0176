using LiveAssist.Dialogs.Content;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.Dialogs.Flows;

/// <summary>
/// Checks flows against each other and the texts: steps, flows, texts, operations, cards and
/// variables that do not exist, and steps nothing can reach. Problems carry the step's line.
/// </summary>
public static class FlowValidator
{
    public static IReadOnlyList<ContentProblem> Validate(
        IReadOnlyList<Flow> flows,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> texts,
        IReadOnlyList<string> fallbacks,
        FlowCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(capabilities);
        var problems = new List<ContentProblem>();
        var byId = new Dictionary<string, Flow>(StringComparer.Ordinal);
        foreach (var flow in flows)
        {
            if (!byId.TryAdd(flow.Id, flow))
            {
                problems.Add(new ContentProblem(flow.Path, 1, 1, $"Another file already defines the flow '{flow.Id}'."));
            }
        }

        // Variables are known when something writes them (ask into, set var, call into) or the turn provides them.
        var written = new HashSet<string>(capabilities.TurnVariables, StringComparer.Ordinal);
        foreach (var step in flows.SelectMany(f => f.Steps))
        {
            foreach (var target in new[] { step.Into, step.Var })
            {
                if (target is not null)
                {
                    written.Add(Root(target));
                }
            }
        }

        bool TextExists(string key) => fallbacks.Any(lang => texts.TryGetValue(lang, out var table) && table.ContainsKey(key));

        foreach (var flow in flows)
        {
            ContentProblem At(FlowStep step, string message, string severity = ContentProblem.Error)
                => JsonSource.At(flow.Path, step.Source, $"Step {step.Id ?? "#" + (step.Index + 1)}: {message}", severity);

            foreach (var trigger in flow.Triggers)
            {
                if (trigger.Intent is { } intent && !capabilities.Intents.Contains(intent))
                {
                    problems.Add(new ContentProblem(flow.Path, trigger.Line, 1, $"Trigger intent '{intent}' is not one the bot understands ({string.Join(", ", capabilities.Intents.Order())})."));
                }

                if (trigger.Words is { } words && !TextExists(words))
                {
                    problems.Add(new ContentProblem(flow.Path, trigger.Line, 1, $"Trigger words '{words}' name no text in {string.Join(" or ", fallbacks)}."));
                }
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var step in flow.Steps.Where(s => s.Id is not null))
            {
                if (!ids.Add(step.Id!))
                {
                    problems.Add(At(step, $"the id '{step.Id}' is used twice in this flow."));
                }
            }

            foreach (var step in flow.Steps)
            {
                foreach (var target in step.Targets().Where(t => !ids.Contains(t)))
                {
                    problems.Add(At(step, $"goes to '{target}', which is not a step of this flow."));
                }

                foreach (var key in new[] { step.Text, step.RetryText }.Concat(step.Choices).OfType<string>().Where(k => !TextExists(k)))
                {
                    problems.Add(At(step, $"the text '{key}' does not exist in {string.Join(" or ", fallbacks)} (locales/)."));
                }

                if (step.Type == FlowStep.Begin && step.Flow is { } other && !byId.ContainsKey(other))
                {
                    problems.Add(At(step, $"begins the flow '{other}', which does not exist."));
                }

                if (step.Type == FlowStep.Call && step.Operation is { } operation && !capabilities.Operations.Contains(operation))
                {
                    problems.Add(At(step, $"the operation '{operation}' does not exist ({string.Join(", ", capabilities.Operations.Order())})."));
                }

                if (step.Type == FlowStep.Handoff && !capabilities.Operations.Contains(FlowCapabilities.HandoffOperation))
                {
                    problems.Add(At(step, "nothing can hand a conversation to the merchant in this host."));
                }

                if (step.Type == FlowStep.Ask && step.Expect is { } expect && !capabilities.Expectations.Contains(expect))
                {
                    problems.Add(At(step, $"expects '{expect}', which is not a kind of answer the bot recognizes ({string.Join(", ", capabilities.Expectations.Order())})."));
                }

                if (step.Card is { } card && !capabilities.Cards.Contains(card))
                {
                    problems.Add(At(step, $"the card '{card}' does not exist ({string.Join(", ", capabilities.Cards.Order())})."));
                }

                foreach (var variable in step.Expressions().SelectMany(e => e.Variables).Distinct(StringComparer.Ordinal).Where(v => !written.Contains(Root(v))))
                {
                    problems.Add(At(step, $"reads '{variable}', which no step sets and the turn does not provide."));
                }

                if (step.Type is FlowStep.Send or FlowStep.Ask && step.Text is { } template && step.SlotsFrom is null)
                {
                    foreach (var lang in fallbacks)
                    {
                        var missing = texts.TryGetValue(lang, out var table) && table.TryGetValue(template, out var variations)
                            ? variations.SelectMany(TextTemplate.Slots).Distinct().Where(s => !step.Slots.ContainsKey(s)).ToList()
                            : [];
                        if (missing.Count > 0)
                        {
                            problems.Add(At(step, $"the text '{template}' ({lang}) uses {string.Join(", ", missing.Select(s => "{" + s + "}"))}, which the step does not fill.", ContentProblem.Warning));
                            break;
                        }
                    }
                }
            }

            foreach (var unreachable in Unreachable(flow))
            {
                problems.Add(At(unreachable, "no step leads here, so it can never run."));
            }
        }

        return problems;
    }

    /// <summary>"conversation.quote.qty" → "conversation.quote": the variable, not a property inside it.</summary>
    public static string Root(string path)
    {
        var first = path.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : path.IndexOf('.', first + 1);
        return second < 0 ? path : path[..second];
    }

    private static IEnumerable<FlowStep> Unreachable(Flow flow)
    {
        var reached = new bool[flow.Steps.Count];
        var queue = new Queue<int>([0]);
        while (queue.Count > 0)
        {
            var index = queue.Dequeue();
            if (index < 0 || index >= flow.Steps.Count || reached[index])
            {
                continue;
            }

            reached[index] = true;
            var step = flow.Steps[index];
            if (!step.EndsSequence)
            {
                queue.Enqueue(index + 1);
            }

            foreach (var target in step.Targets())
            {
                queue.Enqueue(flow.IndexOf(target));
            }
        }

        return flow.Steps.Where(s => !reached[s.Index]);
    }
}
