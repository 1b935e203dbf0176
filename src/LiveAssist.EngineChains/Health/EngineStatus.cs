namespace LiveAssist.EngineChains.Health;

/// <summary>
/// Every chain's engines in fallback order with their health and last failure. Probes are cached briefly so <c>/readyz</c>
/// polling costs the services nothing much; last failures are read fresh.
/// </summary>
public sealed class EngineStatus(IEnumerable<IEngineProbe> probes, IEnumerable<IEngineChain> chains, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<EngineReport> Reports)? _last;

    public async Task<IReadOnlyList<EngineReport>> ReportAsync(CancellationToken cancellationToken)
    {
        var ordered = chains.OrderBy(c => EngineKinds.Rank(c.Kind)).ToList();
        var reports = await ProbeAsync(ordered, cancellationToken).ConfigureAwait(false);
        return [.. reports.Select(r => ordered.FirstOrDefault(c => c.Kind == r.Kind)?.LastFailure(r.Name) is { } failure
            ? r with { LastFailure = failure.Reason, LastFailureAt = failure.At }
            : r)];
    }

    private async Task<IReadOnlyList<EngineReport>> ProbeAsync(IReadOnlyList<IEngineChain> ordered, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < CacheFor)
            {
                return last.Reports;
            }

            var configured = ordered.SelectMany(c => c.Names.Select(n => (c.Kind, Name: n))).ToList();
            var reports = await Task.WhenAll(configured.Select(async (engine, order) =>
            {
                var probe = probes.FirstOrDefault(p => p.Kind == engine.Kind && p.Name == engine.Name);
                var health = probe is null ? EngineHealth.NotConfigured("no such engine") : await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
                return new EngineReport(engine.Kind, engine.Name, order, health.Status, health.Detail);
            })).ConfigureAwait(false);
            _last = (time.GetUtcNow(), reports);
            return reports;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>A capability's engines in fallback order (<see cref="EngineChain{TEngine}"/>), reported by <c>/readyz</c> with their probes.</summary>
public interface IEngineChain
{
    string Kind { get; }

    IReadOnlyList<string> Names { get; }

    /// <summary>The engine's last turn that handed over to the next engine, if any since start.</summary>
    FailedAttempt? LastFailure(string engine);
}

/// <param name="Order">Position in the fallback order, counting across the chains from the first configured.</param>
/// <param name="LastFailure">Why the engine last handed a call over to the next one, since start.</param>
public sealed record EngineReport(string Kind, string Name, int Order, string Status, string Detail)
{
    public string? LastFailure { get; init; }

    public DateTimeOffset? LastFailureAt { get; init; }
}
