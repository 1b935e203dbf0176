using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>A fact that runs only where redis-server is installed (scripts/test.sh installs it), and says so when it is not.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Find() is null)
        {
            Skip = "redis-server is not installed: apt-get install -y redis-server (scripts/test.sh installs it as root)";
        }
    }
}

/// <summary>The scale-out tests run one after another: each starts redis-server and several hosts on the same two cores.</summary>
[CollectionDefinition(Name)]
public sealed class ScaleOutCollection
{
    public const string Name = "scale-out";
}
