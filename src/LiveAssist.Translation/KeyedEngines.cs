using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Translation;

/// <summary>Engines named in configuration (<c>Translator:Engines</c>, <c>Speech:Engines</c>), resolved in order as keyed services.</summary>
public static class KeyedEngines
{
    /// <summary>Names are trimmed, lowercased and de-duplicated; a name nobody registered is reported and skipped.</summary>
    public static IReadOnlyList<T> Resolve<T>(IServiceProvider services, IEnumerable<string> names, Action<string> unknown)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(unknown);
        var engines = new List<T>();
        foreach (var name in Normalize(names))
        {
            if (services.GetKeyedService<T>(name) is { } engine)
            {
                engines.Add(engine);
            }
            else
            {
                unknown(name);
            }
        }

        return engines;
    }

    public static List<string> Normalize(IEnumerable<string> names)
        => [.. names.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct()];
}
