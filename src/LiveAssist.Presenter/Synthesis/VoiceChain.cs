using LiveAssist.EngineChains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Presenter.Synthesis;

/// <summary>
/// The presenter's voices in <c>Tts:Engines</c> order: a line goes to the first; a voice that cannot speak it (it says
/// so, is unreachable, or refuses the input) hands it to the next. No time limit here: each voice bounds its own lines.
/// </summary>
public sealed partial class VoiceChain
{
    public VoiceChain(IServiceProvider services, IOptions<PresenterOptions> options, EngineChainMetrics metrics, ILogger<VoiceChain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Engines = new EngineChain<ITextToSpeechEngine>(EngineKinds.Voice,
            KeyedEngines.Resolve<ITextToSpeechEngine>(services, options.Value.EngineOrder, name => LogUnknown(logger, name)),
            new FallbackRule { FallsThrough = static e => e is SpeechEngineException or HttpRequestException or IOException or InvalidOperationException or ArgumentException },
            metrics);
    }

    /// <summary>The chain itself: the order with the names nobody registered (each line lists them as failures), health and metrics.</summary>
    public EngineChain<ITextToSpeechEngine> Engines { get; }

    /// <summary>The first voice's speech, and the voices that failed before it; <paramref name="failed"/> hears each failure as it happens.</summary>
    public Task<ChainAnswer<SynthesizedSpeech>> VoiceAsync(SynthesisRequest request, Action<FailedAttempt> failed, CancellationToken cancellationToken)
        => Engines.FirstAsync((engine, ct) => engine.SynthesizeAsync(request, ct), cancellationToken, failed);

    [LoggerMessage(1, LogLevel.Warning, "Tts:Engines names '{Engine}', which is not available; every line lists it as failed")]
    private static partial void LogUnknown(ILogger logger, string engine);
}
