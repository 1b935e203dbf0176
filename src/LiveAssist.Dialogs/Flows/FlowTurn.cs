using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.Dialogs.Content;

namespace LiveAssist.Dialogs.Flows;

/// <summary>Where a conversation is inside a flow: which flow, which step, how many tries at the current question.</summary>
public sealed class FlowFrame
{
    public string Flow { get; set; } = string.Empty;

    /// <summary>Step id (or "#n"): names survive a reload that moves steps around.</summary>
    public string Step { get; set; } = "#0";

    public int Attempts { get; set; }

    /// <summary>True while the flow waits at an ask step for the buyer's answer.</summary>
    public bool Waiting { get; set; }
}

/// <summary>What starts a turn for the flows: the buyer's words, an event, or the conversation opening.</summary>
public sealed record FlowInput(string Text, string? Intent, string? Event, bool ConversationStart);

/// <summary>One turn as the flows see it: the three variable scopes, the flow stack, and the replies.</summary>
public sealed class FlowTurn(ITurnContext context, DialogContent content, string language, bool isPreview)
{
    public ITurnContext Context { get; } = context;

    public DialogContent Content { get; } = content;

    public string Language { get; } = language;

    /// <summary>Operator preview: operations must not queue handoffs, save leads or message anyone.</summary>
    public bool IsPreview { get; } = isPreview;

    public JsonObject Turn { get; } = [];

    public JsonObject Conversation { get; init; } = [];

    public JsonObject User { get; init; } = [];

    public List<FlowFrame> Stack { get; init; } = [];

    public List<Activity> Replies { get; } = [];

    public JsonNode? Read(string path)
    {
        var parts = path.Split('.');
        JsonNode? node = Scope(parts[0]);
        for (var i = 1; i < parts.Length && node is not null; i++)
        {
            node = node is JsonObject o && o.TryGetPropertyValue(parts[i], out var child) ? child : null;
        }

        return node;
    }

    public void Write(string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = Scope(parts[0]) ?? throw new ArgumentException($"'{path}' has no scope.", nameof(path));
        for (var i = 1; i < parts.Length - 1; i++)
        {
            if (node[parts[i]] is not JsonObject child)
            {
                node[parts[i]] = child = [];
            }

            node = child;
        }

        if (value is null)
        {
            node.Remove(parts[^1]);
        }
        else
        {
            node[parts[^1]] = value.Parent is null ? value : value.DeepClone();
        }
    }

    public object? Evaluate(FlowExpression expression) => expression.Evaluate(Read);

    private JsonObject? Scope(string name) => name switch
    {
        FlowScopes.Turn => Turn,
        FlowScopes.Conversation => Conversation,
        FlowScopes.User => User,
        _ => null,
    };
}

/// <summary>A named operation a <c>call</c> step runs (catalog lookups, quotes, saving a lead, handing off).</summary>
public interface IFlowOperation
{
    string Name { get; }

    Task<JsonNode?> InvokeAsync(FlowTurn turn, JsonObject args, CancellationToken cancellationToken);
}

/// <summary>Understands an answer to an <c>ask</c> step (<c>expect</c>); null means "not a valid answer, ask again".</summary>
public interface IFlowAnswerRecognizer
{
    string Kind { get; }

    Task<JsonNode?> RecognizeAsync(FlowTurn turn, string text, CancellationToken cancellationToken);
}

/// <summary>A card a <c>send</c> step attaches; null when there is nothing to show.</summary>
public interface IFlowCard
{
    string Name { get; }

    Task<Attachment?> BuildAsync(FlowTurn turn, JsonNode? args, CancellationToken cancellationToken);
}

/// <summary>The intents flows may be triggered by, registered by whatever reads the buyer's words.</summary>
public sealed record FlowIntents(IReadOnlyList<string> Names);

/// <summary>How an operator's preview reaches the bot: the draft content to run instead of the published one.</summary>
public static class DialogPreview
{
    /// <summary>Turn state key holding the <see cref="DialogContent"/> to preview; its presence also means nothing real may happen.</summary>
    public const string ContentKey = "Dialogs.PreviewContent";
}
