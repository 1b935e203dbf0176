using LiveAssist.BotFramework.Pipeline;

namespace LiveAssist.Host.Bot;

/// <summary>
/// Repeats each message. Only for measuring the protocol layer against other Bot Framework stacks
/// (<c>Bot:Handler = echo</c>); never the default.
/// </summary>
internal sealed class EchoBot : ActivityHandler
{
    protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        => turnContext.SendActivityAsync("Echo: " + turnContext.Activity.Text, cancellationToken);
}
