using LiveAssist.EngineChains.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveAssist.EngineChains;

public static class EngineChainsServiceCollectionExtensions
{
    /// <summary>
    /// What every engine chain shares: its metrics and the status <c>/readyz</c> reads. Each capability calls it for its
    /// own chain and registers the chain as an <see cref="IEngineChain"/>; the engines' probes are <see cref="IEngineProbe"/>s.
    /// </summary>
    public static IServiceCollection AddEngineChains(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EngineChainMetrics>();
        services.TryAddSingleton<EngineStatus>();
        return services;
    }
}
