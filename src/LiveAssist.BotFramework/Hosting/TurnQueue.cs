using System.ComponentModel.DataAnnotations;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.BotFramework.Hosting;

/// <summary>
/// Turns the protocol lets the bot answer later (<c>deliveryMode: normal</c>, not an invoke) run off the HTTP request, as
/// the Agents SDK's CloudAdapter queues them: the channel gets its answer (200, no body) at once and the replies go out through the
/// connector or Direct Line. Turns of one conversation run one after another, in the order they came; at most
/// <see cref="TurnQueueOptions.Workers"/> run at once, and at most <see cref="TurnQueueOptions.Capacity"/> wait, so a
/// flood gets a clear 503 instead of filling memory. On shutdown the host lets the queued turns finish.
/// </summary>
public sealed partial class TurnQueue(BotAdapter adapter, IOptions<TurnQueueOptions> options, ILogger<TurnQueue> logger) : IHostedService, IDisposable
{
    private readonly Dictionary<string, Queue<Activity>> _lanes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _workers = new(options.Value.Workers, options.Value.Workers);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;
    private volatile bool _stopped;

    /// <summary>Turns queued or running now.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Room for another turn now (a caller that must store the activity first asks before it does).</summary>
    public bool HasRoom => !_stopped && Volatile.Read(ref _pending) < options.Value.Capacity;

    /// <summary>Whether this activity may be answered after its request returns.</summary>
    public static bool MayQueue(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type != ActivityTypes.Invoke && activity.DeliveryMode != "expectReplies";
    }

    /// <summary>False when the queue is full or the host is stopping: the caller answers 503 and the channel retries.</summary>
    public bool TryEnqueue(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (_stopped || Interlocked.Increment(ref _pending) > options.Value.Capacity)
        {
            if (!_stopped)
            {
                Finished();
            }

            return false;
        }

        var lane = activity.Conversation?.Id ?? string.Empty;
        lock (_lanes)
        {
            if (_lanes.TryGetValue(lane, out var waiting))
            {
                waiting.Enqueue(activity); // the conversation's running lane takes it after the turns before it
                return true;
            }

            _lanes[lane] = new Queue<Activity>();
        }

        _ = Task.Run(() => RunLaneAsync(lane, activity));
        return true;
    }

    private async Task RunLaneAsync(string lane, Activity first)
    {
        var next = first;
        while (true)
        {
            try
            {
                await _workers.WaitAsync(_stopping.Token).ConfigureAwait(false);
                try
                {
                    await adapter.ProcessAsync(next, _stopping.Token).ConfigureAwait(false); // failures are the adapter's: it logs and apologises
                }
                finally
                {
                    _workers.Release();
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogTurnLost(logger, e, next.Type, next.Conversation?.Id);
            }
            finally
            {
                Finished();
            }

            lock (_lanes)
            {
                var waiting = _lanes[lane];
                if (waiting.Count == 0)
                {
                    _lanes.Remove(lane);
                    return;
                }

                next = waiting.Dequeue();
            }
        }
    }

    private void Finished()
    {
        if (Interlocked.Decrement(ref _pending) == 0 && _stopped)
        {
            _idle.TrySetResult();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Takes no more turns and waits for the queued ones until the host's shutdown time is up; then cancels them.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        if (Volatile.Read(ref _pending) == 0)
        {
            return;
        }

        try
        {
            await _idle.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogCancelled(logger, Volatile.Read(ref _pending));
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _workers.Dispose();
    }

    [LoggerMessage(1, LogLevel.Error, "A queued {ActivityType} turn of conversation {ConversationId} could not run")]
    private static partial void LogTurnLost(ILogger logger, Exception exception, string? activityType, string? conversationId);

    [LoggerMessage(2, LogLevel.Warning, "The host stopped with {Count} queued turns still running; they were cancelled")]
    private static partial void LogCancelled(ILogger logger, int count);
}

/// <summary>Turns answered off the request. Bound from <c>TurnQueue</c>.</summary>
public sealed class TurnQueueOptions
{
    public const string SectionName = "TurnQueue";

    /// <summary>Turns that may run at once (across conversations; one conversation's run in order).</summary>
    [Range(1, 1024)]
    public int Workers { get; set; } = 32;

    /// <summary>Turns that may wait or run at once before a channel gets 503 and retries.</summary>
    [Range(1, 1_000_000)]
    public int Capacity { get; set; } = 5000;
}
