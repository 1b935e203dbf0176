namespace LiveAssist.Operator.Endpoints;

public sealed record SignInRequest(string? Name, string? Password);

public sealed record FileEdit(string? Text, string? Message);

public sealed record ValidateRequest(string? Path, string? Text);

/// <summary>A preview turn: the drafts to run (path → text), the preview conversation, and what the buyer says (or <c>start</c> to open it).</summary>
public sealed record PreviewRequest(Dictionary<string, string>? Drafts, string? Conversation, string? Text, string? Locale, bool Start, string? Event);
