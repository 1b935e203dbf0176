using System.Text.Json.Nodes;

namespace LiveAssist.Dialogs.Flows;

/// <summary><c>expect: text</c>: any non-empty answer, kept as written (bounded).</summary>
public sealed class TextAnswer : IFlowAnswerRecognizer
{
    public string Kind => "text";

    public Task<JsonNode?> RecognizeAsync(FlowTurn turn, string text, CancellationToken cancellationToken)
        => Task.FromResult<JsonNode?>(text.Length is > 0 and <= 500 ? JsonValue.Create(text) : null);
}

/// <summary><c>expect: yesno</c>: the language's <c>yesWords</c>/<c>noWords</c> (any language's, since buyers mix).</summary>
public sealed class YesNoAnswer : IFlowAnswerRecognizer
{
    public string Kind => "yesno";

    public Task<JsonNode?> RecognizeAsync(FlowTurn turn, string text, CancellationToken cancellationToken)
    {
        var texts = turn.Content.Texts;
        JsonNode? answer = texts.IsWholeMessage(text, "yesWords") ? JsonValue.Create(true) : texts.IsWholeMessage(text, "noWords") ? JsonValue.Create(false) : null;
        return Task.FromResult(answer);
    }
}
