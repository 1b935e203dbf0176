namespace LiveAssist.EngineChains;

/// <summary>When a chain hands an engine's work to the next engine in its order.</summary>
public sealed record FallbackRule
{
    /// <summary>Time one engine gets before the next takes over; null when the engines bound their own time.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Failures (besides running out of time) that hand over to the next engine; any other propagates to the caller.
    /// The caller's own cancellation never hands over, whatever this says. Default: every failure.
    /// </summary>
    public Func<Exception, bool> FallsThrough { get; init; } = static _ => true;

    /// <summary>
    /// Streams: once an engine has streamed a result, its failure (or its end without a final result) ends the chain
    /// instead of starting the next engine over. Off: the next engine gets the whole input again.
    /// </summary>
    public bool PartialStopsFallback { get; init; }
}
