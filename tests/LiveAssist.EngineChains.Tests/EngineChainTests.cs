using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.EngineChains.Tests;

/// <summary>One engine chain for every kind: order, time limit, which failures hand over, the caller's cancellation, health and metrics.</summary>
public sealed class EngineChainTests : IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);
    private readonly ChainMeasurements _measurements = new();

    public void Dispose() => _measurements.Dispose();

    private EngineChain<TestEngine> Chain(FallbackRule rule, params TestEngine?[] engines)
        => new("test", engines.Select((e, i) => new ChainedEngine<TestEngine>(e?.Name ?? $"missing-{i}", e)), rule, _measurements.Metrics);

    private EngineChain<TestEngine> Chain(params TestEngine?[] engines) => Chain(new FallbackRule { Timeout = Short }, engines);

    [Fact]
    public async Task The_first_engine_of_the_order_answers_and_the_next_is_never_asked()
    {
        var (first, second) = (TestEngine.Answering("first"), TestEngine.Answering("second"));
        var answer = await Chain(first, second).FirstAsync((e, ct) => e.AnswerAsync(ct), CancellationToken.None);

        Assert.True(answer.Answered);
        Assert.Equal(("first", "first", 0, false), (answer.Value, answer.Engine, answer.Index, answer.IsFallback));
        Assert.Empty(answer.Failures);
        Assert.Equal(0, second.Calls);
    }

    [Fact]
    public async Task An_engine_that_runs_out_of_time_hands_over_to_the_next_and_is_told_to_stop()
    {
        var (slow, next) = (TestEngine.Hanging("slow"), TestEngine.Answering("next"));
        var chain = Chain(slow, next);
        var answer = await chain.FirstAsync((e, ct) => e.AnswerAsync(ct), CancellationToken.None);

        Assert.Equal(("next", 1, true), (answer.Engine, answer.Index, answer.IsFallback));
        var failure = Assert.Single(answer.Failures);
        Assert.Equal(("slow", FailureKind.TimedOut, "no answer within 50 ms"), (failure.Engine, failure.Kind, failure.Reason));
        // The chain moves on without waiting for the engine; the engine hears the cancellation on the timer's thread.
        for (var waited = 0; !slow.SawCancellation && waited < 5000; waited += 10)
        {
            await Task.Delay(10);
        }

        Assert.True(slow.SawCancellation);
        Assert.Same(failure, chain.LastFailure("slow"));
        Assert.Null(chain.LastFailure("next"));
    }

    [Fact]
    public async Task An_engine_that_ignores_cancellation_still_loses_its_turn_on_time()
    {
        var answer = await Chain(TestEngine.Deaf("deaf"), TestEngine.Answering("next")).FirstAsync((e, ct) => e.AnswerAsync(ct), CancellationToken.None);

        Assert.Equal("next", answer.Engine);
        Assert.Equal(FailureKind.TimedOut, Assert.Single(answer.Failures).Kind);
    }

    [Fact]
    public async Task A_failing_engine_hands_over_to_the_next_and_the_caller_hears_why()
    {
        var heard = new List<FailedAttempt>();
        var answer = await Chain(TestEngine.Failing("broken"), TestEngine.Answering("next")).FirstAsync((e, ct) => e.AnswerAsync(ct), CancellationToken.None, heard.Add);

        Assert.Equal("next", answer.Value);
        var failure = Assert.Single(heard);
        Assert.Equal(("broken", FailureKind.Failed, "broken is down"), (failure.Engine, failure.Kind, failure.Reason));
    }

    [Fact]
    public async Task A_failure_the_rule_does_not_hand_over_reaches_the_caller()
    {
        var next = TestEngine.Answering("next");
        var chain = Chain(new FallbackRule { FallsThrough = e => e is IOException }, TestEngine.Failing("bug", new ArgumentException("bad input")), next);

        await Assert.ThrowsAsync<ArgumentException>(() => chain.FirstAsync((e, ct) => e.AnswerAsync(ct), CancellationToken.None));
        Assert.Equal(0, next.Calls);
    }

    [Fact]
    public async Task When_every_engine_fails_there_is_no_answer_and_each_failure_is_listed_in_order()
    {
        var answer = await Chain(TestEngine.Failing("a"), null, TestEngine.Hanging("c")).FirstAsync((e, ct) => e.AnswerAsync(ct), CancellationToken.None);

        Assert.False(answer.Answered);
        Assert.Null(answer.Engine);
        Assert.Equal([("a", FailureKind.Failed), ("missing-1", FailureKind.Missing), ("c", FailureKind.TimedOut)], answer.Failures.Select(f => (f.Engine, f.Kind)));
        Assert.Equal("no such engine", answer.Failures[1].Reason);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_chain_instead_of_handing_over()
    {
        var (busy, next) = (TestEngine.Hanging("busy"), TestEngine.Answering("next"));
        var chain = Chain(new FallbackRule { Timeout = TimeSpan.FromSeconds(30) }, busy, next);
        using var caller = new CancellationTokenSource(Short);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.FirstAsync((e, ct) => e.AnswerAsync(ct), caller.Token));
        Assert.Equal(0, next.Calls);
        Assert.Null(chain.LastFailure("busy")); // not the engine's fault
    }

    [Fact]
    public async Task Calls_failures_fallbacks_and_durations_are_counted_per_engine()
    {
        var chain = Chain(TestEngine.Failing("broken"), TestEngine.Hanging("slow"), TestEngine.Answering("good"));
        await chain.FirstAsync((e, ct) => e.AnswerAsync(ct), CancellationToken.None);
        await chain.FirstAsync((e, ct) => e.AnswerAsync(ct), CancellationToken.None);

        Assert.Equal(6, _measurements.Sum(EngineChainMetrics.CallsInstrument, ("kind", "test")));
        Assert.Equal(2, _measurements.Sum(EngineChainMetrics.CallsInstrument, ("engine", "good")));
        Assert.Equal(2, _measurements.Sum(EngineChainMetrics.FailuresInstrument, ("engine", "broken"), ("reason", "error")));
        Assert.Equal(2, _measurements.Sum(EngineChainMetrics.FailuresInstrument, ("engine", "slow"), ("reason", "timeout")));
        Assert.Equal(0, _measurements.Sum(EngineChainMetrics.FailuresInstrument, ("engine", "good")));
        Assert.Equal(0, _measurements.Sum(EngineChainMetrics.FallbacksInstrument, ("engine", "broken")));
        Assert.Equal(4, _measurements.Sum(EngineChainMetrics.FallbacksInstrument, ("kind", "test")));
        Assert.Equal(6, _measurements.Sum(EngineChainMetrics.DurationInstrument, ("kind", "test")));
    }

    [Fact]
    public async Task A_stream_that_fails_before_its_final_result_is_given_again_to_the_next_engine()
    {
        var chain = Chain(new TestEngine("flaky", stream: _ => Flaky()), TestEngine.Answering("next"));
        var items = await ToListAsync(chain.StreamAsync((e, ct) => e.StreamAsync(ct), h => h.IsFinal));

        Assert.Equal([("flaky", "fla…"), ("next", "next partial"), ("next", "next")], items.Select(i => (i.Engine, i.Item.Text)));
        Assert.Equal(FailureKind.Failed, chain.LastFailure("flaky")?.Kind);
    }

    [Fact]
    public async Task With_partials_stopping_fallback_a_stream_that_already_said_something_ends_the_chain()
    {
        var next = TestEngine.Answering("next");
        var chain = Chain(new FallbackRule { PartialStopsFallback = true }, new TestEngine("flaky", stream: _ => Flaky()), next);
        var items = await ToListAsync(chain.StreamAsync((e, ct) => e.StreamAsync(ct), h => h.IsFinal));

        Assert.Equal(["fla…"], items.Select(i => i.Item.Text));
        Assert.Equal(0, next.Calls);
    }

    [Fact]
    public async Task A_stream_that_runs_out_of_time_or_ends_without_a_final_hands_over_and_nothing_after_a_final_is_asked()
    {
        var (slow, quiet, good, unused) = (TestEngine.Hanging("slow"), new TestEngine("quiet", stream: _ => Empty()), TestEngine.Answering("good"), TestEngine.Answering("unused"));
        var heard = new List<FailedAttempt>();
        var chain = Chain(slow, null, quiet, good, unused);
        var items = await ToListAsync(chain.StreamAsync((e, ct) => e.StreamAsync(ct), h => h.IsFinal, heard.Add));

        Assert.Equal([("slow", 0), ("good", 3), ("good", 3)], items.Select(i => (i.Engine, i.Index)));
        Assert.Equal([("slow", FailureKind.TimedOut)], heard.Select(f => (f.Engine, f.Kind))); // the quiet one is no failure to log
        Assert.Equal(FailureKind.Incomplete, chain.LastFailure("quiet")?.Kind);
        Assert.Equal(0, unused.Calls);
        Assert.Equal(1, _measurements.Sum(EngineChainMetrics.FailuresInstrument, ("engine", "quiet"), ("reason", "incomplete")));
        Assert.Equal(2, _measurements.Sum(EngineChainMetrics.FallbacksInstrument)); // quiet and good; the missing one is never called
    }

    [Fact]
    public async Task The_callers_cancellation_ends_a_stream_instead_of_handing_over()
    {
        var next = TestEngine.Answering("next");
        var chain = Chain(new FallbackRule { Timeout = TimeSpan.FromSeconds(30) }, TestEngine.Hanging("busy"), next);
        using var caller = new CancellationTokenSource(Short);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToListAsync(chain.StreamAsync((e, ct) => e.StreamAsync(ct), h => h.IsFinal, cancellationToken: caller.Token)));
        Assert.Equal(0, next.Calls);
    }

    [Fact]
    public void Keyed_engines_are_resolved_in_the_configured_order_and_unknown_names_are_kept_and_reported()
    {
        using var services = new ServiceCollection()
            .AddKeyedSingleton("azure", TestEngine.Answering("azure"))
            .AddKeyedSingleton("espeak", TestEngine.Answering("espeak"))
            .BuildServiceProvider();
        var unknown = new List<string>();

        var engines = KeyedEngines.Resolve<TestEngine>(services, [" Espeak", "typo", "azure", "espeak", ""], unknown.Add);

        Assert.Equal([("espeak", true), ("typo", false), ("azure", true)], engines.Select(e => (e.Name, e.Engine is not null)));
        Assert.Equal(["typo"], unknown);
    }

    private static async IAsyncEnumerable<Hypothesis> Flaky()
    {
        await Task.Yield();
        yield return new Hypothesis("fla…", false);
        throw new IOException("connection reset");
    }

    private static async IAsyncEnumerable<Hypothesis> Empty()
    {
        await Task.Yield();
        yield break;
    }

    private static async Task<List<ChainedItem<Hypothesis>>> ToListAsync(IAsyncEnumerable<ChainedItem<Hypothesis>> items)
    {
        var list = new List<ChainedItem<Hypothesis>>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
