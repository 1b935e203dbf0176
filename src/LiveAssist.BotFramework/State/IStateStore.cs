using System.Text.Json.Nodes;

namespace LiveAssist.BotFramework.State;

/// <summary>
/// Durable key/value storage for bot state. SQLite is the embedded default; the Redis store (LiveAssist.Redis) implements
/// the same contract for scale-out, with an ETag per record so two hosts' turns never silently overwrite each other.
/// </summary>
public interface IStateStore
{
    Task<JsonObject?> ReadAsync(string key, CancellationToken cancellationToken);

    Task WriteAsync(string key, JsonObject value, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>The record and its version (null ETag: the store does not version records, or there is none).</summary>
    async Task<StateRecord> ReadVersionedAsync(string key, CancellationToken cancellationToken)
        => new(await ReadAsync(key, cancellationToken).ConfigureAwait(false), null);

    /// <summary>
    /// Writes the record only if it is still at <paramref name="expectedETag"/> (null: it did not exist when read); false when
    /// another writer changed it since. A store without versions always writes.
    /// </summary>
    async Task<bool> TryWriteAsync(string key, JsonObject value, string? expectedETag, CancellationToken cancellationToken)
    {
        await WriteAsync(key, value, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

/// <summary>A state record as read, with the version a conditional write must match.</summary>
public sealed record StateRecord(JsonObject? Value, string? ETag);
