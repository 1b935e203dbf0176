using System.Runtime.CompilerServices;
using LiveAssist.Speech.Audio;
using LiveAssist.Translation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Speech.Recognition;

/// <summary>
/// The configured recognizers (<c>Speech:Engines</c>) in order: a segment goes to the first; if it
/// fails or runs out of time before its final result, the next one gets the whole segment.
/// </summary>
public sealed partial class RecognizerChain
{
    private readonly IReadOnlyList<ISpeechRecognizer> _engines;
    private readonly SpeechOptions _options;
    private readonly ILogger<RecognizerChain> _logger;

    public RecognizerChain(IServiceProvider services, IOptions<SpeechOptions> options, ILogger<RecognizerChain> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _logger = logger;
        _engines = KeyedEngines.Resolve<ISpeechRecognizer>(services, _options.Engines, name => LogUnknown(logger, name));
    }

    public bool IsConfigured => _engines.Count > 0;

    public IReadOnlyList<string> EngineNames => [.. _engines.Select(e => e.Name)];

    /// <summary>Results for one segment, tagged with the engine that produced them; nothing when every engine failed.</summary>
    public async IAsyncEnumerable<(RecognitionResult Result, string Engine)> RecognizeAsync(SpeechSegment segment, RecognitionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var engine in _engines)
        {
            var results = new List<RecognitionResult>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.EngineTimeoutMs);
            var enumerator = engine.RecognizeAsync(segment, context, timeout.Token).GetAsyncEnumerator(timeout.Token);
            var finished = false;
            try
            {
                while (true)
                {
                    RecognitionResult current;
                    try
                    {
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        current = enumerator.Current;
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
                    {
                        LogFailed(_logger, engine.Name, segment.StartMs, e.Message);
                        break;
                    }

                    yield return (current, engine.Name);
                    if (current.IsFinal)
                    {
                        finished = true;
                    }
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }

            if (finished)
            {
                yield break;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Speech:Engines names '{Engine}', which is not available; skipped")]
    private static partial void LogUnknown(ILogger logger, string engine);

    [LoggerMessage(2, LogLevel.Warning, "Recognizer {Engine} failed on the segment at {StartMs} ms ({Reason}); the next engine gets it")]
    private static partial void LogFailed(ILogger logger, string engine, long startMs, string reason);
}
