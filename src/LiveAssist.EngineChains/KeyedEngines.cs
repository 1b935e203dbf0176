using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.EngineChains;

/// <summary>Engines named in configuration (<c>Translator:Engines</c>, <c>Speech:Engines</c>, <c>Tts:Engines</c>), resolved in order as keyed services.</summary>
public static class KeyedEngines
{
    /// <summary>
    /// Every name of the order with the engine registered under it. Names are trimmed, lowercased and de-duplicated;
    /// a name nobody registered is reported to <paramref name="unknown"/> and kept without an engine.
    /// </summary>
    public static IReadOnlyList<ChainedEngine<T>> Resolve<T>(IServiceProvider services, IEnumerable<string> names, Action<string> unknown)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(unknown);
        var engines = new List<ChainedEngine<T>>();
        foreach (var name in Normalize(names))
        {
            var engine = services.GetKeyedService<T>(name);
            if (engine is null)
            {
                unknown(name);
            }

            engines.Add(new ChainedEngine<T>(name, engine));
        }

        return engines;
    }

    public static List<string> Normalize(IEnumerable<string> names)
        => [.. names.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct()];
}
