namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// Utterances and final captions: SQLite (<see cref="SqliteCaptionStore"/>) on one machine; with <c>Redis:Configuration</c>
/// a Redis Stream per session shared by every host (LiveAssist.Redis), with this host's SQLite file as its local log.
/// </summary>
public interface ICaptionStore
{
    Task AddUtteranceAsync(Utterance utterance, CancellationToken cancellationToken);

    /// <summary>Stores an utterance's final captions in every language and marks it captioned.</summary>
    Task SaveCaptionsAsync(string sessionId, long seq, IReadOnlyCollection<Caption> captions, CancellationToken cancellationToken);

    /// <summary>Final captions of one language after <paramref name="afterSeq"/>, in order.</summary>
    Task<List<Caption>> ReadCaptionsAsync(string sessionId, string lang, long afterSeq, CancellationToken cancellationToken);

    /// <summary>One final caption, or null when that line has none in this language (yet).</summary>
    Task<Caption?> ReadCaptionAsync(string sessionId, string lang, long seq, CancellationToken cancellationToken);

    Task<List<Utterance>> ReadUtterancesAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Utterances that arrived but were never captioned (the host stopped in between).</summary>
    Task<List<Utterance>> ReadUncaptionedAsync(CancellationToken cancellationToken);

    /// <summary>The last sequence number a session used (0 for none).</summary>
    Task<long> LastSeqAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// The number of a new line: one more than the newest any captioner of the live used (<paramref name="lastKnown"/> is
    /// this one's). With Redis two hosts captioning one live at once get different numbers, and the number is held until
    /// its line is stored, so the next line waits for it and the stream keeps the spoken order.
    /// </summary>
    async Task<long> NextSeqAsync(string sessionId, long lastKnown, CancellationToken cancellationToken)
        => Math.Max(lastKnown, await LastSeqAsync(sessionId, cancellationToken).ConfigureAwait(false)) + 1;

    /// <summary>Gives back a number no line will be stored under (a dropped or failed line), so later lines do not wait for it.</summary>
    Task ReleaseSeqAsync(string sessionId, long seq, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The newest final caption's sequence number in one language (0 for none).</summary>
    Task<long> LastCaptionSeqAsync(string sessionId, string lang, CancellationToken cancellationToken);

    /// <summary>Where each language's last caption left the screen, so the next one does not overlap it.</summary>
    Task<Dictionary<string, long>> LastCueEndsAsync(string sessionId, CancellationToken cancellationToken);

    Task<(long Utterances, long Captions)> CountAsync(string sessionId, CancellationToken cancellationToken);
}
