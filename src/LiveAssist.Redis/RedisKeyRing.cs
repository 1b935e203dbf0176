using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;

namespace LiveAssist.Redis;

/// <summary>
/// The Data Protection key ring every host shares (<c>dataprotection-keys</c> in Redis), so a studio sign-in cookie and a
/// merchant's "show host key" made on one host are read on any other. Each key is also copied to this host's
/// <c>data/keys</c>, which serves while Redis is away (a key made then stays on this host until Redis is back and the
/// ring is read again).
/// </summary>
internal sealed class RedisKeyRing(RedisConnection redis, IXmlRepository local) : IXmlRepository
{
    private readonly RedisXmlRepository _shared = new(() => redis.Database, redis.Key("dataprotection-keys"));

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            var shared = _shared.GetAllElements();
            if (shared.Count > 0)
            {
                return shared;
            }

            // A ring that is not in Redis yet (the first host with Redis, after running alone): this host's keys go up,
            // so cookies it signed stay good.
            var mine = local.GetAllElements();
            foreach (var element in mine)
            {
                _shared.StoreElement(element, FriendlyName(element));
            }

            return mine;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return local.GetAllElements();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        local.StoreElement(element, friendlyName);
        try
        {
            _shared.StoreElement(element, friendlyName);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
        }
    }

    private static string FriendlyName(XElement element) => element.Attribute("id")?.Value is { } id ? "key-" + id : "key";
}
