namespace LiveAssist.Redis;

/// <summary>Writes to Redis one kind of what this host kept in its <see cref="RedisOutbox"/> while Redis was away.</summary>
internal interface IOutboxWriter
{
    string Kind { get; }

    Task WriteAsync(PendingWrite write, CancellationToken cancellationToken);
}
