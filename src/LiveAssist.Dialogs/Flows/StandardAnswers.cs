using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

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
        var said = text.Trim().TrimEnd('!', '.', '。', '！').Trim();
        bool Any(string key) => turn.Content.Texts.AllVariations(key).Any(w => string.Equals(w, said, StringComparison.OrdinalIgnoreCase));
        JsonNode? answer = Any("yesWords") ? JsonValue.Create(true) : Any("noWords") ? JsonValue.Create(false) : null;
        return Task.FromResult(answer);
    }
}

/// <summary><c>expect: contact</c>: an e-mail address or a phone number (7+ digits) somewhere in the answer.</summary>
public sealed partial class ContactAnswer : IFlowAnswerRecognizer
{
    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+|\+?\d[\d\s().-]{6,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex Contact();

    public string Kind => "contact";

    public Task<JsonNode?> RecognizeAsync(FlowTurn turn, string text, CancellationToken cancellationToken)
        => Task.FromResult<JsonNode?>(Contact().Match(text) is { Success: true } match ? JsonValue.Create(match.Value.Trim()) : null);
}
