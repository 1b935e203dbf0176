using LiveAssist.Speech.Recognition;
using LiveAssist.Translation;
using LiveAssist.Translation.Chain;
using Microsoft.Extensions.Options;

namespace LiveAssist.Engines.Health;

/// <summary>The configured engines in fallback order with their health; probes are cached briefly so <c>/readyz</c> polling costs the services nothing much.</summary>
public sealed class EngineStatus(IEnumerable<IEngineProbe> probes, IEnumerable<IEngineChain> chains, IOptions<SpeechOptions> speech, CaptionTranslationChain translators, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<EngineReport> Reports)? _last;

    public async Task<IReadOnlyList<EngineReport>> ReportAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < CacheFor)
            {
                return last.Reports;
            }

            var configured = KeyedEngines.Normalize(speech.Value.Engines).Select(n => ("speech", n))
                .Concat(translators.EngineNames.Select(n => ("translator", n)))
                .Concat(chains.SelectMany(c => c.Names.Select(n => (c.Kind, n))))
                .ToList();
            var reports = await Task.WhenAll(configured.Select(async (engine, order) =>
            {
                var probe = probes.FirstOrDefault(p => p.Kind == engine.Item1 && p.Name == engine.Item2);
                var health = probe is null ? EngineHealth.NotConfigured("no such engine") : await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
                return new EngineReport(engine.Item1, engine.Item2, order, health.Status, health.Detail);
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

/// <summary>Another capability's engines in fallback order (the presenter's voices), reported by <c>/readyz</c> with their probes.</summary>
public interface IEngineChain
{
    string Kind { get; }

    IReadOnlyList<string> Names { get; }
}

/// <param name="Order">Position in the fallback order (within its kind, counting from the first configured).</param>
public sealed record EngineReport(string Kind, string Name, int Order, string Status, string Detail);
