using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using LiveAssist.EngineChains.Health;

namespace LiveAssist.EngineChains;

/// <summary>
/// Engines of one kind in their configured order: a call goes to the first; an engine that fails the way
/// <see cref="FallbackRule"/> says, or runs out of its time, hands the call to the next. The caller's own cancellation
/// is never a failure: it ends the chain. Each engine's last failure is kept for <c>/readyz</c>, and every call is
/// counted (<see cref="EngineChainMetrics"/>).
/// </summary>
public sealed class EngineChain<TEngine> : IEngineChain
    where TEngine : class
{
    private readonly ConcurrentDictionary<string, FailedAttempt> _lastFailures = new(StringComparer.Ordinal);
    private readonly EngineChainMetrics _metrics;
    private readonly TimeProvider _time;

    public EngineChain(string kind, IEnumerable<ChainedEngine<TEngine>> engines, FallbackRule rule, EngineChainMetrics metrics, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(engines);
        Kind = kind;
        Engines = [.. engines];
        Rule = rule ?? throw new ArgumentNullException(nameof(rule));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = time ?? TimeProvider.System;
    }

    public string Kind { get; }

    public FallbackRule Rule { get; }

    /// <summary>The order, with the names nobody registered (they are skipped, and reported as missing).</summary>
    public IReadOnlyList<ChainedEngine<TEngine>> Engines { get; }

    public IReadOnlyList<string> Names => [.. Engines.Select(e => e.Name)];

    /// <summary>True when at least one engine of the order is registered.</summary>
    public bool HasEngines => Engines.Any(e => e.Engine is not null);

    public FailedAttempt? LastFailure(string engine) => _lastFailures.GetValueOrDefault(engine);

    /// <summary>
    /// Calls the engines in order until one answers. <paramref name="failed"/> hears each failure as it happens
    /// (engines missing from the container are only listed in the answer's failures).
    /// </summary>
    public async Task<ChainAnswer<TResult>> FirstAsync<TResult>(Func<TEngine, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken,
        Action<FailedAttempt>? failed = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var failures = new List<FailedAttempt>();
        for (var index = 0; index < Engines.Count; index++)
        {
            var attempt = await TryAsync(index, call, cancellationToken).ConfigureAwait(false);
            if (attempt.Failure is not { } failure)
            {
                return new ChainAnswer<TResult>(attempt.Value, Engines[index].Name, index, failures);
            }

            failures.Add(failure);
            if (failure.Kind != FailureKind.Missing)
            {
                failed?.Invoke(failure);
            }
        }

        return new ChainAnswer<TResult>(default, null, -1, failures);
    }

    /// <summary>
    /// One engine's turn, for callers that judge answers themselves and may go on to the next engine with what is left
    /// (the caption translator's per-language checks). <paramref name="timeout"/> overrides the rule's for this turn.
    /// </summary>
    public async Task<EngineAttempt<TResult>> TryAsync<TResult>(int index, Func<TEngine, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var slot = Engines[index];
        if (slot.Engine is not { } engine)
        {
            return new EngineAttempt<TResult>(default, Missing(slot.Name));
        }

        if (index > 0)
        {
            _metrics.FellBack(Kind, slot.Name);
        }

        var limit = timeout ?? Rule.Timeout;
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit is { } bound)
        {
            turn.CancelAfter(bound);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var answer = call(engine, turn.Token);
            // WaitAsync: an engine that ignores cancellation still loses its turn on time.
            var value = await (limit is { } max ? answer.WaitAsync(max, cancellationToken) : answer).ConfigureAwait(false);
            _metrics.Called(Kind, slot.Name, Stopwatch.GetElapsedTime(started), null);
            return new EngineAttempt<TResult>(value, null);
        }
        catch (Exception e) when (Classify(e, turn, limit, cancellationToken) is { } kind)
        {
            // WaitAsync can give up a moment before CancelAfter fires, and disposing the source would then never
            // cancel it: tell the abandoned engine to stop now.
            await turn.CancelAsync().ConfigureAwait(false);
            var failure = Failed(slot.Name, kind, e, limit);
            _metrics.Called(Kind, slot.Name, Stopwatch.GetElapsedTime(started), failure);
            return new EngineAttempt<TResult>(default, failure);
        }
    }

    /// <summary>
    /// Streams one engine's results until one is final (<paramref name="isFinal"/>). An engine that fails, runs out of
    /// time or ends with no final result hands the whole input to the next, unless <see cref="FallbackRule.PartialStopsFallback"/>
    /// and it already streamed something. Nothing is streamed when every engine failed before its first result.
    /// </summary>
    public async IAsyncEnumerable<ChainedItem<TItem>> StreamAsync<TItem>(Func<TEngine, CancellationToken, IAsyncEnumerable<TItem>> call, Func<TItem, bool> isFinal,
        Action<FailedAttempt>? failed = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(isFinal);
        for (var index = 0; index < Engines.Count; index++)
        {
            var slot = Engines[index];
            if (slot.Engine is not { } engine)
            {
                continue;
            }

            if (index > 0)
            {
                _metrics.FellBack(Kind, slot.Name);
            }

            using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (Rule.Timeout is { } bound)
            {
                turn.CancelAfter(bound);
            }

            var started = Stopwatch.GetTimestamp();
            var streamed = false;
            var finished = false;
            var (results, failure) = Open(call, engine, turn, slot.Name, cancellationToken);
            if (results is not null)
            {
                try
                {
                    while (true)
                    {
                        TItem current;
                        try
                        {
                            if (!await results.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }

                            current = results.Current;
                        }
                        catch (Exception e) when (Classify(e, turn, Rule.Timeout, cancellationToken) is { } kind)
                        {
                            failure = Failed(slot.Name, kind, e, Rule.Timeout);
                            break;
                        }

                        yield return new ChainedItem<TItem>(current, slot.Name, index);
                        streamed = true;
                        finished |= isFinal(current);
                    }
                }
                finally
                {
                    await results.DisposeAsync().ConfigureAwait(false);
                }

                // An engine that stopped talking with nothing final hands over like a failed one.
                failure ??= finished ? null : Remember(new FailedAttempt(slot.Name, FailureKind.Incomplete, "ended without a final result", _time.GetUtcNow()));
            }

            _metrics.Called(Kind, slot.Name, Stopwatch.GetElapsedTime(started), failure);

            if (failure is { Kind: not FailureKind.Incomplete })
            {
                failed?.Invoke(failure);
            }

            if (finished || (streamed && Rule.PartialStopsFallback))
            {
                yield break;
            }
        }
    }

    // Outside the iterator's try: a stream that throws before its first result (a synchronous throw) is a failure too.
    private (IAsyncEnumerator<TItem>? Results, FailedAttempt? Failure) Open<TItem>(Func<TEngine, CancellationToken, IAsyncEnumerable<TItem>> call, TEngine engine,
        CancellationTokenSource turn, string name, CancellationToken cancellationToken)
    {
        try
        {
            return (call(engine, turn.Token).GetAsyncEnumerator(turn.Token), null);
        }
        catch (Exception e) when (Classify(e, turn, Rule.Timeout, cancellationToken) is { } kind)
        {
            return (null, Failed(name, kind, e, Rule.Timeout));
        }
    }

    /// <summary>Null when the exception must reach the caller: its own cancellation, out of memory, or a failure the rule does not hand over.</summary>
    private FailureKind? Classify(Exception e, CancellationTokenSource turn, TimeSpan? limit, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || e is OutOfMemoryException)
        {
            return null;
        }

        if (limit is not null && (e is TimeoutException || (e is OperationCanceledException && turn.IsCancellationRequested)))
        {
            return FailureKind.TimedOut;
        }

        return Rule.FallsThrough(e) ? FailureKind.Failed : null;
    }

    private FailedAttempt Missing(string name) => new(name, FailureKind.Missing, "no such engine", _time.GetUtcNow());

    private FailedAttempt Failed(string name, FailureKind kind, Exception e, TimeSpan? limit)
        => Remember(new FailedAttempt(name, kind, kind == FailureKind.TimedOut ? $"no answer within {limit?.TotalMilliseconds} ms" : e.Message, _time.GetUtcNow()));

    private FailedAttempt Remember(FailedAttempt failure)
    {
        _lastFailures[failure.Engine] = failure;
        return failure;
    }
}
