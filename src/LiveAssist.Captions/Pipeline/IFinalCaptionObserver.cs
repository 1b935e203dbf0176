using LiveAssist.Sessions;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// Told when an utterance's final captions are stored and published (the presenter voices them).
/// Called on the session's captioning worker: queue the work and return, never wait on it.
/// </summary>
public interface IFinalCaptionObserver
{
    void OnFinalCaptions(LiveSession session, long seq, IReadOnlyList<Caption> captions);
}
