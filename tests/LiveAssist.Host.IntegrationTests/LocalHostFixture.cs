namespace LiveAssist.Host.IntegrationTests;

/// <summary>The host with defaults only: local development mode (no app id), its own data directory.</summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    public LiveAssistFactory Factory { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
