using System.Text.Json.Nodes;

namespace LiveAssist.BotFramework.State;

/// <summary>
/// Durable key/value storage for bot state. SQLite is the embedded default; a Redis store
/// implements the same contract for scale-out.
/// </summary>
public interface IStateStore
{
    Task<JsonObject?> ReadAsync(string key, CancellationToken cancellationToken);

    Task WriteAsync(string key, JsonObject value, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
