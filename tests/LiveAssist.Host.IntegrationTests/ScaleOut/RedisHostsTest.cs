using LiveAssist.Redis;
using LiveAssist.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>
/// A real redis-server for one test class (temp dir, ports 6390-6399), real hosts on it (ports 5400-5499) and direct
/// connections to it; everything stopped after the test. Nothing starts when redis-server is not installed
/// (<see cref="RedisFactAttribute"/> skips the tests then).
/// </summary>
[Collection(ScaleOutCollection.Name)]
public abstract class RedisHostsTest : IAsyncLifetime
{
    private readonly List<HostProcess> _hosts = [];

    protected RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (RedisServer.Find() is not null)
        {
            Redis = await RedisServer.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }

    /// <summary>A host on the test's Redis with the shared Direct Line secret, and <paramref name="settings"/> on top.</summary>
    protected async Task<HostProcess> StartHostAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Redis__Configuration"] = Redis.Configuration,
            ["DirectLine__Secret"] = "scale-out-test-secret-0123456789abcdef",
            ["Logging__LogLevel__LiveAssist.Redis"] = "Warning",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var host = await HostProcess.StartAsync(environment, port: HostProcess.FreePortIn(5400, 5499));
        _hosts.Add(host);
        return host;
    }

    /// <summary>A connection to the test's Redis as a host makes it (for the stores tested without a whole host).</summary>
    protected RedisConnection Connect()
        => new(Options.Create(new RedisOptions { Configuration = Redis.Configuration }), TimeProvider.System, NullLogger<RedisConnection>.Instance);
}
