using System.Runtime.CompilerServices;

namespace LiveAssist.EngineChains.Tests;

/// <summary>An engine whose answer (or stream) the test writes; it counts its calls and remembers whether its turn was cancelled.</summary>
internal sealed class TestEngine(string name, Func<CancellationToken, Task<string>>? answer = null, Func<CancellationToken, IAsyncEnumerable<Hypothesis>>? stream = null)
{
    private int _calls;

    public string Name => name;

    public int Calls => _calls;

    public bool SawCancellation { get; private set; }

    public async Task<string> AnswerAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        // The token's own state, not only a callback: cancellation may complete the engine's wait and remove this
        // registration before its callback's turn comes (callbacks run newest first).
        using var registration = cancellationToken.Register(() => SawCancellation = true);
        try
        {
            return await (answer ?? (_ => Task.FromResult(name)))(cancellationToken);
        }
        finally
        {
            SawCancellation |= cancellationToken.IsCancellationRequested;
        }
    }

    public async IAsyncEnumerable<Hypothesis> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        using var registration = cancellationToken.Register(() => SawCancellation = true);
        try
        {
            await foreach (var item in (stream ?? (_ => Final(name)))(cancellationToken).WithCancellation(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            SawCancellation |= cancellationToken.IsCancellationRequested;
        }
    }

    public static TestEngine Answering(string name) => new(name, _ => Task.FromResult(name));

    public static TestEngine Failing(string name, Exception? exception = null) => new(name, _ => throw exception ?? new InvalidOperationException(name + " is down"),
        _ => throw exception ?? new InvalidOperationException(name + " is down"));

    /// <summary>Waits until its turn is cancelled.</summary>
    public static TestEngine Hanging(string name) => new(name, async ct =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        return name;
    }, Hang);

    /// <summary>Never answers, whatever its token says.</summary>
    public static TestEngine Deaf(string name) => new(name, _ => new TaskCompletionSource<string>().Task);

    public static async IAsyncEnumerable<Hypothesis> Final(string text)
    {
        await Task.Yield();
        yield return new Hypothesis(text + " partial", false);
        yield return new Hypothesis(text, true);
    }

    private static async IAsyncEnumerable<Hypothesis> Hang([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new Hypothesis("…", false);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}

internal sealed record Hypothesis(string Text, bool IsFinal);
