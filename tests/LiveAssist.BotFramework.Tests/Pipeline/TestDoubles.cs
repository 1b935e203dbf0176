using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.BotFramework.State;

namespace LiveAssist.BotFramework.Tests.Pipeline;

/// <summary>An in-process channel that keeps what the bot sent.</summary>
internal sealed class RecordingChannel : IOutboundChannel
{
    public List<Activity> Sent { get; } = [];

    public bool Handles(string serviceUrl) => true;

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        Sent.Add(activity);
        return Task.FromResult(new ResourceResponse("sent-" + Sent.Count));
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse(activity.Id));

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>State in a dictionary, counting writes per key.</summary>
internal sealed class MemoryStateStore : IStateStore
{
    private readonly ConcurrentDictionary<string, string> _values = new();

    public ConcurrentDictionary<string, int> Writes { get; } = new();

    public Task<JsonObject?> ReadAsync(string key, CancellationToken cancellationToken)
        => Task.FromResult(_values.TryGetValue(key, out var json) ? JsonNode.Parse(json) as JsonObject : null);

    public Task WriteAsync(string key, JsonObject value, CancellationToken cancellationToken)
    {
        _values[key] = value.ToJsonString();
        Writes.AddOrUpdate(key, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _values.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
