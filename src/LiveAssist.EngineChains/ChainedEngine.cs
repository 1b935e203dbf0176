namespace LiveAssist.EngineChains;

/// <summary>One place in a chain's order: the configured name and the engine registered under it (null when none is).</summary>
public sealed record ChainedEngine<TEngine>(string Name, TEngine? Engine)
    where TEngine : class;
