using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveAssist.Catalog.Client;

/// <summary>The catalog's JSON contract: camelCase, nulls omitted.</summary>
public static class CatalogJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
