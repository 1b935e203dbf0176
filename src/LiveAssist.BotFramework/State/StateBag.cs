using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Schema;

namespace LiveAssist.BotFramework.State;

/// <summary>A turn's view of one state record: typed get/set, and whether it changed.</summary>
public sealed class StateBag
{
    private readonly JsonObject _values;
    private readonly JsonObject _original;
    private readonly string _loaded;

    public StateBag(JsonObject? values = null)
    {
        _values = values ?? [];
        _original = (JsonObject)_values.DeepClone();
        _loaded = _values.ToJsonString();
    }

    public T? Get<T>(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _values.TryGetPropertyValue(name, out var node) && node is not null
            ? node.Deserialize<T>(ActivitySerializer.Options)
            : default;
    }

    public void Set<T>(string name, T value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _values[name] = JsonSerializer.SerializeToNode(value, ActivitySerializer.Options);
    }

    public void Remove(string name) => _values.Remove(name);

    public void Clear() => _values.Clear();

    /// <summary>True when the record differs from what was loaded, so it must be written back.</summary>
    public bool IsChanged => _values.ToJsonString() != _loaded;

    internal JsonObject Snapshot() => (JsonObject)_values.DeepClone();

    /// <summary>
    /// This turn's changes laid over a newer record another writer stored meanwhile: each property this turn set or removed
    /// takes this turn's value, every other property keeps the newer one.
    /// </summary>
    internal JsonObject MergeInto(JsonObject? newer)
    {
        var merged = (JsonObject)(newer?.DeepClone() ?? new JsonObject());
        foreach (var name in _values.Select(p => p.Key).Union(_original.Select(p => p.Key)).ToList())
        {
            var mine = _values.TryGetPropertyValue(name, out var node) ? node : null;
            var had = _original.TryGetPropertyValue(name, out var before) ? before : null;
            if (_values.ContainsKey(name) == _original.ContainsKey(name) && JsonNode.DeepEquals(mine, had))
            {
                continue; // untouched by this turn
            }

            if (_values.ContainsKey(name))
            {
                merged[name] = mine?.DeepClone();
            }
            else
            {
                merged.Remove(name);
            }
        }

        return merged;
    }
}
