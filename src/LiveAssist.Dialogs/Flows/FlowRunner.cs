using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Schema;
using Microsoft.Extensions.Logging;

namespace LiveAssist.Dialogs.Flows;

/// <summary>
/// Runs the flows for one turn: starts the flow whose trigger matches (event or conversation start
/// first, then the answer a waiting question expects, then words, intents, and "no answer"), and
/// executes steps until the flow asks something, ends, or hands off. A conversation waiting at a
/// question that a reload removed restarts its flow with a polite message rather than failing.
/// </summary>
public sealed partial class FlowRunner(
    IEnumerable<IFlowOperation> operations,
    IEnumerable<IFlowAnswerRecognizer> recognizers,
    IEnumerable<IFlowCard> cards,
    ILogger<FlowRunner> logger)
{
    /// <summary>Steps one turn may run; a flow that loops without asking anything is stopped here.</summary>
    public const int StepBudget = 200;

    public const string RestartedText = "flow.restarted";
    public const string CancelledText = "flow.cancelled";
    public const string GaveUpText = "flow.gaveUp";
    public const string CancelWords = "cancelWords";

    private readonly Dictionary<string, IFlowOperation> _operations = operations.ToDictionary(o => o.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, IFlowAnswerRecognizer> _recognizers = recognizers.ToDictionary(r => r.Kind, StringComparer.Ordinal);
    private readonly Dictionary<string, IFlowCard> _cards = cards.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public FlowCapabilities Capabilities(IEnumerable<string> intents) => new(
        _operations.Keys.ToHashSet(StringComparer.Ordinal),
        _recognizers.Keys.ToHashSet(StringComparer.Ordinal),
        _cards.Keys.ToHashSet(StringComparer.Ordinal),
        intents.ToHashSet(StringComparer.Ordinal),
        FlowCapabilities.StandardTurnVariables);

    /// <summary>Runs the turn; false when no flow took it.</summary>
    public async Task<bool> RunAsync(FlowTurn turn, FlowInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(input);
        var flows = turn.Content.Flows;
        var started = input.ConversationStart ? flows.FirstOrDefault(f => f.Triggers.Any(t => t.ConversationStart))
            : input.Event is { } name ? flows.FirstOrDefault(f => f.Triggers.Any(t => string.Equals(t.Event, name, StringComparison.Ordinal)))
            : null;
        if ((input.ConversationStart || input.Event is not null) && started is null)
        {
            return false; // an event no flow wants leaves a waiting question alone
        }

        if (started is null && turn.Stack.Count > 0 && turn.Stack[^1].Waiting)
        {
            if (turn.Content.Texts.IsWholeMessage(input.Text, CancelWords))
            {
                turn.Stack.Clear();
                await SendTextAsync(turn, CancelledText, cancellationToken).ConfigureAwait(false);
                return true;
            }

            if (await ResumeAsync(turn, input, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        started ??= flows.FirstOrDefault(f => f.Triggers.Any(t => t.Words is { } words && turn.Content.Texts.IsWholeMessage(input.Text, words)))
            ?? flows.FirstOrDefault(f => f.Triggers.Any(t => t.Intent is { } intent && string.Equals(intent, input.Intent, StringComparison.OrdinalIgnoreCase)))
            ?? flows.FirstOrDefault(f => f.Triggers.Any(t => t.NoAnswer));
        if (started is null)
        {
            return false;
        }

        turn.Stack.Clear();
        turn.Stack.Add(new FlowFrame { Flow = started.Id, Step = started.StepName(0) });
        await ExecuteAsync(turn, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> ResumeAsync(FlowTurn turn, FlowInput input, CancellationToken cancellationToken)
    {
        var frame = turn.Stack[^1];
        var flow = turn.Content.Find(frame.Flow);
        var index = flow?.IndexOf(frame.Step) ?? -1;
        if (flow is null || index < 0 || flow.Steps[index].Type != FlowStep.Ask)
        {
            // The flow was changed under this conversation: say so and start it again, or drop it if it is gone.
            LogStaleState(logger, frame.Flow, frame.Step, turn.Content.Version);
            turn.Stack.Clear();
            if (flow is null)
            {
                return false;
            }

            await SendTextAsync(turn, RestartedText, cancellationToken).ConfigureAwait(false);
            turn.Stack.Add(new FlowFrame { Flow = flow.Id, Step = flow.StepName(0) });
            await ExecuteAsync(turn, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var step = flow.Steps[index];
        var answer = await RecognizeAsync(turn, step, input.Text, cancellationToken).ConfigureAwait(false);
        if (answer is not null)
        {
            turn.Write(step.Into!, answer);
            frame.Waiting = false;
            frame.Attempts = 0;
            frame.Step = Following(flow, index) ?? string.Empty;
        }
        else if (++frame.Attempts < step.MaxAttempts)
        {
            await SendAsync(turn, step, step.RetryText, cancellationToken).ConfigureAwait(false);
            return true;
        }
        else
        {
            frame.Waiting = false;
            frame.Attempts = 0;
            if (step.OnFail is { } onFail)
            {
                frame.Step = onFail;
            }
            else
            {
                await SendTextAsync(turn, GaveUpText, cancellationToken).ConfigureAwait(false);
                turn.Stack.RemoveAt(turn.Stack.Count - 1);
            }
        }

        await ExecuteAsync(turn, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<JsonNode?> RecognizeAsync(FlowTurn turn, FlowStep step, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || !_recognizers.TryGetValue(step.Expect!, out var recognizer))
        {
            return null;
        }

        var value = await recognizer.RecognizeAsync(turn, text.Trim(), cancellationToken).ConfigureAwait(false);
        if (value is not null && FlowExpression.Plain(value) is decimal number && ((step.Min is { } min && number < min) || (step.Max is { } max && number > max)))
        {
            return null;
        }

        return value;
    }

    private async Task ExecuteAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var budget = StepBudget;
        while (turn.Stack.Count > 0)
        {
            var frame = turn.Stack[^1];
            var flow = turn.Content.Find(frame.Flow);
            var index = flow?.IndexOf(frame.Step) ?? -1;
            if (flow is null || index < 0)
            {
                turn.Stack.RemoveAt(turn.Stack.Count - 1); // past the last step: the flow is done, its caller continues
                continue;
            }

            if (--budget < 0)
            {
                turn.Stack.Clear();
                throw new InvalidOperationException($"The flow '{flow.Id}' ran {StepBudget} steps in one turn without asking anything; it loops.");
            }

            var step = flow.Steps[index];
            var next = Following(flow, index);
            switch (step.Type)
            {
                case FlowStep.Send:
                    await SendAsync(turn, step, null, cancellationToken).ConfigureAwait(false);
                    break;
                case FlowStep.Ask when step.SkipIf is { } skip && FlowExpression.IsTruthy(turn.Evaluate(skip)):
                    break;
                case FlowStep.Ask:
                    await SendAsync(turn, step, null, cancellationToken).ConfigureAwait(false);
                    frame.Waiting = true;
                    frame.Attempts = 0;
                    frame.Step = flow.StepName(index);
                    return;
                case FlowStep.Branch:
                    next = step.Cases.FirstOrDefault(c => FlowExpression.IsTruthy(turn.Evaluate(c.When)))?.Goto ?? step.Else ?? next;
                    break;
                case FlowStep.Call:
                {
                    var result = await _operations[step.Operation!].InvokeAsync(turn, Arguments(turn, step.Args), cancellationToken).ConfigureAwait(false);
                    if (step.Into is { } into)
                    {
                        turn.Write(into, result);
                    }

                    break;
                }

                case FlowStep.Set:
                    turn.Write(step.Var!, FlowExpression.ToNode(turn.Evaluate(step.Value!)));
                    break;
                case FlowStep.Begin:
                    frame.Step = next ?? string.Empty;
                    turn.Stack.Add(new FlowFrame { Flow = step.Flow!, Step = "#0" });
                    continue;
                case FlowStep.Handoff:
                {
                    var args = Arguments(turn, step.Args);
                    args["reason"] = step.Reason is { } reason ? FlowExpression.ToNode(turn.Evaluate(reason)) : "flow:" + flow.Id;
                    await _operations[FlowCapabilities.HandoffOperation].InvokeAsync(turn, args, cancellationToken).ConfigureAwait(false);
                    await SendAsync(turn, step, null, cancellationToken).ConfigureAwait(false);
                    break;
                }

                case FlowStep.End:
                    turn.Stack.RemoveAt(turn.Stack.Count - 1);
                    continue;
            }

            frame.Step = next ?? string.Empty;
        }
    }

    /// <summary>The step after <paramref name="index"/>: its <c>next</c>, else the following one, else none.</summary>
    private static string? Following(Flow flow, int index)
        => flow.Steps[index].Next ?? (index + 1 < flow.Steps.Count ? flow.StepName(index + 1) : null);

    private static JsonObject Arguments(FlowTurn turn, IReadOnlyDictionary<string, FlowExpression> args)
    {
        var result = new JsonObject();
        foreach (var (name, expression) in args)
        {
            result[name] = FlowExpression.ToNode(turn.Evaluate(expression));
        }

        return result;
    }

    private async Task SendAsync(FlowTurn turn, FlowStep step, string? textOverride, CancellationToken cancellationToken)
    {
        var key = textOverride ?? step.Text ?? (step.TextFrom is { } from ? turn.Evaluate(from) as string : null);
        var slots = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (step.SlotsFrom is { } slotsFrom && turn.Evaluate(slotsFrom) is JsonObject values)
        {
            foreach (var (name, value) in values)
            {
                slots[name] = FlowExpression.Plain(value);
            }
        }

        foreach (var (name, expression) in step.Slots)
        {
            var value = turn.Evaluate(expression);
            slots[name] = value is JsonNode node ? node.ToJsonString() : value;
        }

        var texts = turn.Content.Texts;
        var text = key is not null && texts.Has(turn.Language, key) ? texts.Get(turn.Language, key, slots) : null;
        Attachment? card = null;
        if (step.Card is { } cardName && _cards.TryGetValue(cardName, out var builder))
        {
            card = await builder.BuildAsync(turn, step.CardArgs is { } cardArgs ? FlowExpression.ToNode(turn.Evaluate(cardArgs)) : null, cancellationToken).ConfigureAwait(false);
        }

        if (text is null && card is null)
        {
            if (key is not null)
            {
                LogMissingText(logger, key, turn.Language);
            }

            return;
        }

        var reply = turn.Context.Activity.CreateReply(text, turn.Language);
        // Which operator text was said: transcripts, the operator preview and tests read it instead of re-parsing the words.
        reply.ChannelData = JsonSerializer.SerializeToElement(new { textKey = key });
        if (card is not null)
        {
            reply.Attachments = [card];
        }

        // In a Teams group chat or channel the bot hears only messages that @mention it: a question says how to
        // answer, and its buttons are card submits (which reach the bot without a mention), not suggested actions.
        var group = turn.Turn["conversationType"]?.GetValueKind() == JsonValueKind.String && turn.Turn["conversationType"]!.GetValue<string>() is "groupChat" or "channel";
        if (group && step.Type == FlowStep.Ask && reply.Text is { Length: > 0 } asked && texts.Has(turn.Language, GroupHowToAnswerText))
        {
            reply.Text = asked + " " + texts.Get(turn.Language, GroupHowToAnswerText);
        }

        if (step.Choices.Count > 0)
        {
            var titles = step.Choices.Select(choice => texts.Get(turn.Language, choice)).ToList();
            if (group)
            {
                reply.Attachments = [.. reply.Attachments ?? [], AnswerButtons(titles, turn.Language)];
            }
            else
            {
                reply.SuggestedActions = new SuggestedActions
                {
                    Actions = [.. titles.Select(title => new CardAction { Type = "imBack", Title = title, Value = JsonSerializer.SerializeToElement(title) })],
                };
            }
        }

        turn.Replies.Add(reply);
        await turn.Context.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Text added to a question in a group chat: how to answer there.</summary>
    public const string GroupHowToAnswerText = "group.howToAnswer";

    /// <summary>The submit event a button of <see cref="AnswerButtons"/> sends: its <c>text</c> is the answer.</summary>
    public const string AnswerEvent = "answer";

    private static Attachment AnswerButtons(IEnumerable<string> titles, string language)
    {
        var actions = new System.Text.Json.Nodes.JsonArray();
        foreach (var title in titles)
        {
            actions.Add(new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = new JsonObject { ["action"] = AnswerEvent, ["text"] = title } });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard", ["version"] = "1.5", ["lang"] = language, ["body"] = new JsonArray(), ["actions"] = actions,
        };
        return new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = JsonSerializer.SerializeToElement(card) };
    }

    private static Task SendTextAsync(FlowTurn turn, string key, CancellationToken cancellationToken)
    {
        if (!turn.Content.Texts.Has(turn.Language, key))
        {
            return Task.CompletedTask;
        }

        var reply = turn.Context.Activity.CreateReply(turn.Content.Texts.Get(turn.Language, key), turn.Language);
        turn.Replies.Add(reply);
        return turn.Context.SendActivityAsync(reply, cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "A conversation waited at {Flow}/{Step}, which content {Version} no longer has; the flow restarts")]
    private static partial void LogStaleState(ILogger logger, string flow, string step, string version);

    [LoggerMessage(2, LogLevel.Warning, "No text '{Key}' for {Language}; the step sent nothing")]
    private static partial void LogMissingText(ILogger logger, string key, string language);
}
