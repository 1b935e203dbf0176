using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.RunningHost;

/// <summary>The real host process on a loopback port, shared by the tests that need a real network peer.</summary>
public sealed class RunningHostFixture : IAsyncLifetime
{
    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await HostProcess.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RunningHostCollection : ICollectionFixture<RunningHostFixture>
{
    public const string Name = "running host";
}
