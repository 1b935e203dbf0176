using LiveAssist.Operator.Accounts;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Studio and operator sign-ins shared by every host (<c>operator-session:{id}</c>: "1" while signed in, "0" once signed
/// out), so the cookie of a merchant signed in on one host is good on all, and signing out on one ends it on all. Each
/// sign-in is also kept in this host's <c>operator.db</c>, which answers for sign-ins Redis does not know (made during an
/// outage) and while Redis is away; a sign-out during an outage waits in the outbox and ends the sign-in on every host
/// when Redis is back.
/// </summary>
internal sealed class RedisOperatorSessions(RedisConnection redis, IOperatorSessions local, TimeSpan lifetime, RedisOutbox outbox) : IOperatorSessions, IOutboxWriter
{
    public async Task<string> StartAsync(string name, CancellationToken cancellationToken)
    {
        var id = await local.StartAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            await redis.Database.StringSetAsync(Key(id), "1", lifetime).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e); // good on this host; another host asks Redis, which does not know it
        }

        return id;
    }

    public async Task<bool> IsActiveAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        try
        {
            // Sliding, as the cookie is: each request a signed-in merchant makes keeps the record as long again.
            var shared = await redis.Database.StringGetSetExpiryAsync(Key(id), lifetime).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (shared.HasValue)
            {
                return shared == "1";
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
        }

        return await local.IsActiveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task EndAsync(string id, CancellationToken cancellationToken)
    {
        await local.EndAsync(id, cancellationToken).ConfigureAwait(false);
        try
        {
            await redis.Database.StringSetAsync(Key(id), "0", lifetime).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            await outbox.AddAsync(RedisOutbox.SignOutKind, id, 0, string.Empty, cancellationToken).ConfigureAwait(false);
        }
    }

    string IOutboxWriter.Kind => RedisOutbox.SignOutKind;

    Task IOutboxWriter.WriteAsync(PendingWrite write, CancellationToken cancellationToken) => redis.Database.StringSetAsync(Key(write.Key), "0", lifetime);

    private RedisKey Key(string id) => redis.Key("operator-session:" + id);
}
