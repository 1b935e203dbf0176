using Microsoft.Extensions.Hosting;

namespace LiveAssist.DirectLine;

/// <summary>Forgets idle conversations now and then, so memory does not grow with every visitor.</summary>
internal sealed class DirectLineJanitor(DirectLineConversations conversations, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                conversations.RemoveIdle();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
