namespace LiveAssist.EngineChains.Health;

/// <summary>Checks that one engine can be reached with its credentials, for <c>/readyz</c> and the host page.</summary>
public interface IEngineProbe
{
    /// <summary>The chain it belongs to: <c>speech</c>, <c>translator</c> or <c>tts</c> (<see cref="EngineKinds"/>).</summary>
    string Kind { get; }

    string Name { get; }

    Task<EngineHealth> ProbeAsync(CancellationToken cancellationToken);
}

/// <param name="Status"><c>ok</c>, <c>unavailable</c> or <c>not-configured</c>.</param>
public sealed record EngineHealth(string Status, string Detail)
{
    public static EngineHealth Ok(string detail) => new("ok", detail);

    public static EngineHealth Unavailable(string detail) => new("unavailable", detail);

    public static EngineHealth NotConfigured(string detail) => new("not-configured", detail);
}

/// <summary>A probe built from a delegate; failures become <c>unavailable</c> with the reason.</summary>
public sealed class EngineProbe(string kind, string name, Func<CancellationToken, Task<EngineHealth>> probe) : IEngineProbe
{
    public string Kind => kind;

    public string Name => name;

    public async Task<EngineHealth> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await probe(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return EngineHealth.Unavailable(e.GetBaseException().Message);
        }
    }
}
