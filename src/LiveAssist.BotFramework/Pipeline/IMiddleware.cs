namespace LiveAssist.BotFramework.Pipeline;

/// <summary>Runs around every turn; call <paramref name="next"/> to continue, or return to short-circuit.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken);
}
