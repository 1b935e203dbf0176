using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.Testing;

namespace LiveAssist.LoadTests;

/// <summary>
/// Fills the embedded catalog with N generated products (the sample catalog's items under new ids and
/// series names, imported through <c>PUT /catalog/v1/products</c>), then searches it in the buyers' languages.
/// </summary>
internal static class CatalogSearchLoad
{
    private static readonly (string Zh, string En)[] Series =
    [
        ("经典", "Classic"), ("豪华", "Deluxe"), ("迷你", "Mini"), ("加厚", "Thick"), ("便携", "Portable"), ("复古", "Retro"),
        ("卡通", "Cartoon"), ("简约", "Minimal"), ("时尚", "Fashion"), ("环保", "Eco"), ("商务", "Business"), ("儿童", "Kids"),
        ("户外", "Outdoor"), ("节日", "Holiday"), ("北欧", "Nordic"), ("日式", "Japanese Style"), ("彩虹", "Rainbow"), ("磨砂", "Matte"),
    ];

    // What buyers type, in their languages: words that exist in the catalog, words the lexicon translates, and misses.
    private static readonly string[] Queries =
    [
        "vacuum flask", "termo", "garrafa térmica", "термос", "ترمس", "保温杯", "phone case iphone 16", "fundas iphone",
        "заколка для волос", "mochila", "sac à dos", "فانوس رمضان", "christmas ornaments", "圣诞", "tape measure", "cinta métrica",
        "teddy bear", "peluche", "cutting board", "stapler", "frying pan", "poêle", "earrings", "pendientes", "unicorn saddle",
    ];

    public static async Task ImportAsync(string baseUrl, string apiKey, int count)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "src", "LiveAssist.Catalog.Service", "Data", "sample-catalog.json")))!.AsArray();
        const int batchSize = 1000;
        for (var start = 0; start < count; start += batchSize)
        {
            var batch = new JsonArray();
            for (var i = start; i < Math.Min(count, start + batchSize); i++)
            {
                var product = sample[i % sample.Count]!.DeepClone();
                var (zh, en) = Series[i / sample.Count % Series.Length];
                product["id"] = $"BX-{i:D6}";
                product["title"]!["zh"] = $"{zh} {product["title"]!["zh"]!.GetValue<string>()} {i % 1000}";
                product["title"]!["en"] = $"{en} {product["title"]!["en"]!.GetValue<string>()} {i % 1000}";
                batch.Add(product);
            }

            using var request = new HttpRequestMessage(HttpMethod.Put, "/catalog/v1/products") { Content = JsonContent.Create(batch) };
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var rejected = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejected").GetArrayLength();
            if (rejected > 0)
            {
                throw new InvalidOperationException($"{rejected} generated products were rejected");
            }
        }
    }

    public static async Task<(double PerSecond, LatencyRecorder Latency)> RunAsync(string baseUrl, int workers, TimeSpan warmup, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = workers };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var next = new int[workers];

        async Task<bool> SearchAsync(int worker, CancellationToken cancellationToken)
        {
            var query = Queries[(worker + next[worker]++) % Queries.Length];
            using var response = await http.GetAsync($"/catalog/v1/products?q={Uri.EscapeDataString(query)}&pageSize=20", cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.IsSuccessStatusCode;
        }

        return await ClosedLoop.RunAsync(workers, SearchAsync, warmup, duration);
    }
}
