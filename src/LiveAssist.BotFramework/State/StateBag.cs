using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Schema;

namespace LiveAssist.BotFramework.State;

/// <summary>A turn's view of one state record: typed get/set, and whether it changed.</summary>
public sealed class StateBag
{
    private readonly JsonObject _values;
    private readonly string _loaded;

    public StateBag(JsonObject? values = null)
    {
        _values = values ?? [];
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
}
