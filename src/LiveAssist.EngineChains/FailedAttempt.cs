namespace LiveAssist.EngineChains;

/// <summary>Why an engine did not answer: named in the order but not registered, out of time, failed, or ended without a final result.</summary>
public enum FailureKind
{
    Missing,
    TimedOut,
    Failed,
    Incomplete,
}

/// <summary>One engine's turn that handed over to the next.</summary>
public sealed record FailedAttempt(string Engine, FailureKind Kind, string Reason, DateTimeOffset At)
{
    /// <summary>The reason as the metrics tag it.</summary>
    public string Tag => Kind switch
    {
        FailureKind.Missing => "missing",
        FailureKind.TimedOut => "timeout",
        FailureKind.Incomplete => "incomplete",
        _ => "error",
    };
}

/// <summary>One engine's turn: its answer, or why there was none.</summary>
public readonly record struct EngineAttempt<TResult>(TResult? Value, FailedAttempt? Failure)
{
    public bool Answered => Failure is null;
}

/// <summary>What a call along the chain came to: the first answer and where its engine stands in the order, or none; and the failures before it.</summary>
public sealed record ChainAnswer<TResult>(TResult? Value, string? Engine, int Index, IReadOnlyList<FailedAttempt> Failures)
{
    public bool Answered => Engine is not null;

    /// <summary>Answered by an engine after the first of the order.</summary>
    public bool IsFallback => Index > 0;
}

/// <summary>One streamed result and the engine (name and place in the order) that produced it.</summary>
public readonly record struct ChainedItem<TItem>(TItem Item, string Engine, int Index);
