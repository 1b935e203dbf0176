namespace LiveAssist.Sessions;

/// <summary>Told when the host changes something other capabilities show (the product on screen).</summary>
public interface ISessionObserver
{
    Task ProductChangedAsync(LiveSession session, CancellationToken cancellationToken);
}
