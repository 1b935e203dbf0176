namespace LiveAssist.Dialogs.Content;

/// <summary>One thing wrong with a dialog or locale file: where (1-based line and column) and why.</summary>
public sealed record ContentProblem(string Path, int Line, int Column, string Message, string Severity = ContentProblem.Error)
{
    public const string Error = "error";
    public const string Warning = "warning";

    public bool IsError => Severity == Error;

    public override string ToString() => $"{Path}:{Line}:{Column}: {Message}";
}

/// <summary>A file that cannot be used, with every problem found in it.</summary>
public sealed class ContentException(IReadOnlyList<ContentProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<ContentProblem> Problems { get; } = problems;
}
