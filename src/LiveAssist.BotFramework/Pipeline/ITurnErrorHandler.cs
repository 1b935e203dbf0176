namespace LiveAssist.BotFramework.Pipeline;

/// <summary>Called once when a turn throws: log, tell the user, reset what may be corrupt.</summary>
public interface ITurnErrorHandler
{
    Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken);
}
