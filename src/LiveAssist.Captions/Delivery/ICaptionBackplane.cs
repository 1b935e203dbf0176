namespace LiveAssist.Captions.Delivery;

/// <summary>
/// Carries the events this host publishes to the other hosts serving the same lives (LiveAssist.Redis). Only what is not
/// stored goes this way (partials, product cards): final captions reach the other hosts from the shared caption store,
/// which keeps their order and history.
/// </summary>
public interface ICaptionBackplane
{
    void Forward(string sessionId, string channel, SseEvent message);
}
