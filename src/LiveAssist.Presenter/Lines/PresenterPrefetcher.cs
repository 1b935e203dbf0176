using System.Threading.Channels;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Presenter.Lines;

/// <summary>
/// Voices each final caption in the buyers' languages as soon as it is stored, so the avatar page
/// finds its line ready. Captions never wait for this: when the queue is full a line is left to be
/// voiced when a page asks for it.
/// </summary>
public sealed partial class PresenterPrefetcher : BackgroundService, IFinalCaptionObserver
{
    private readonly PresenterLineMaker _maker;
    private readonly ILogger<PresenterPrefetcher> _logger;
    private readonly bool _enabled;
    private readonly Channel<(LiveSession Session, long Seq, string Lang)> _queue;

    public PresenterPrefetcher(PresenterLineMaker maker, IOptions<PresenterOptions> options, ILogger<PresenterPrefetcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maker = maker;
        _logger = logger;
        _enabled = options.Value.Prefetch;
        _queue = Channel.CreateBounded<(LiveSession, long, string)>(new BoundedChannelOptions(Math.Max(8, options.Value.PrefetchQueue))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
    }

    public void OnFinalCaptions(LiveSession session, long seq, IReadOnlyList<Caption> captions)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(captions);
        if (!_enabled)
        {
            return;
        }

        var source = session.SourcePrimaryLanguage();
        foreach (var caption in captions.Where(c => c.Lang != source))
        {
            if (!_queue.Writer.TryWrite((session, seq, caption.Lang)))
            {
                LogQueueFull(_logger, seq, caption.Lang, session.Id);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (session, seq, lang) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await _maker.GetAsync(session, lang, seq, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(_logger, seq, lang, session.Id, e);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Presenter queue full: line {Seq} ({Lang}) of session {Session} is voiced when a page asks for it")]
    private static partial void LogQueueFull(ILogger logger, long seq, string lang, string session);

    [LoggerMessage(2, LogLevel.Error, "Presenter could not prepare line {Seq} ({Lang}) of session {Session}")]
    private static partial void LogFailed(ILogger logger, long seq, string lang, string session, Exception exception);
}
