using LiveAssist.EngineChains;
using LiveAssist.Speech.Audio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Speech.Recognition;

/// <summary>
/// The configured recognizers (<c>Speech:Engines</c>) in order: a segment goes to the first; if it
/// fails or runs out of time before its final result, the next one gets the whole segment (the
/// partial results already streamed stand).
/// </summary>
public sealed partial class RecognizerChain
{
    private readonly ILogger<RecognizerChain> _logger;

    public RecognizerChain(IServiceProvider services, IOptions<SpeechOptions> options, EngineChainMetrics metrics, ILogger<RecognizerChain> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _logger = logger;
        Engines = new EngineChain<ISpeechRecognizer>(EngineKinds.Speech, KeyedEngines.Resolve<ISpeechRecognizer>(services, settings.Engines, name => LogUnknown(logger, name)),
            new FallbackRule { Timeout = TimeSpan.FromMilliseconds(settings.EngineTimeoutMs), PartialStopsFallback = false }, metrics);
    }

    /// <summary>The chain itself: the configured order (for <c>/readyz</c>), health and metrics.</summary>
    public EngineChain<ISpeechRecognizer> Engines { get; }

    public bool IsConfigured => Engines.HasEngines;

    public IReadOnlyList<string> EngineNames => [.. Engines.Engines.Where(e => e.Engine is not null).Select(e => e.Engine!.Name)];

    /// <summary>Results for one segment, tagged with the engine that produced them; nothing when every engine failed.</summary>
    public async IAsyncEnumerable<(RecognitionResult Result, string Engine)> RecognizeAsync(SpeechSegment segment, RecognitionContext context,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var results = Engines.StreamAsync((engine, ct) => engine.RecognizeAsync(segment, context, ct), r => r.IsFinal,
            failure => LogFailed(_logger, failure.Engine, segment.StartMs, failure.Reason), cancellationToken);
        await foreach (var item in results.ConfigureAwait(false))
        {
            yield return (item.Item, Engines.Engines[item.Index].Engine!.Name);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Speech:Engines names '{Engine}', which is not available; skipped")]
    private static partial void LogUnknown(ILogger logger, string engine);

    [LoggerMessage(2, LogLevel.Warning, "Recognizer {Engine} failed on the segment at {StartMs} ms ({Reason}); the next engine gets it")]
    private static partial void LogFailed(ILogger logger, string engine, long startMs, string reason);
}
