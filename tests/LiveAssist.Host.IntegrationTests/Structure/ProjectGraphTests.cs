using System.Text.RegularExpressions;
using System.Xml.Linq;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.Structure;

/// <summary>The README's project graph is the one the csproj files make: a newcomer reading it reads the real seams.</summary>
public sealed partial class ProjectGraphTests
{
    [GeneratedRegex(@"^\s*(?<id>\w+)\[""(?<name>[\w.]+)""\]\s*$", RegexOptions.Multiline)]
    private static partial Regex NodePattern();

    [GeneratedRegex(@"^\s*(?<from>\w+)\s*-->\s*(?<to>\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex EdgePattern();

    [Fact]
    public void ReadmeGraph_MatchesTheProjectReferencesOfEverySourceProject()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf("## Project graph", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no \"## Project graph\" section");
        var block = readme[start..];
        block = block[(block.IndexOf("```mermaid", StringComparison.Ordinal) + 10)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];

        var names = NodePattern().Matches(block).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["name"].Value);
        var drawn = EdgePattern().Matches(block).Select(m => $"{names[m.Groups["from"].Value]} -> {names[m.Groups["to"].Value]}").ToHashSet();

        var projects = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(p => Short(p), p => p);
        var real = projects.SelectMany(p => XDocument.Load(p.Value).Descendants("ProjectReference")
            .Select(r => $"{p.Key} -> {Short(r.Attribute("Include")!.Value)}")).ToHashSet();

        Assert.Equal(projects.Keys.Order(), names.Values.Order());
        Assert.Empty(real.Except(drawn)); // references the README does not draw
        Assert.Empty(drawn.Except(real)); // arrows no csproj has
    }

    [GeneratedRegex(@"^\s*subgraph\s+(?<layer>\w+)\s*$(?<body>.*?)^\s*end\s*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex LayerPattern();

    /// <summary>
    /// References point down: nothing references a layer above its own, and a foundation (protocol layer, storage helper,
    /// translation, catalog client) references no other project, so using one never drags another into a capability.
    /// </summary>
    [Fact]
    public void ProjectReferences_PointDownTheReadmeLayers_AndFoundationsStandAlone()
    {
        string[] order = ["host", "adapters", "capabilities", "foundations"];
        var block = MermaidBlock();
        var layerOf = new Dictionary<string, int>();
        foreach (Match layer in LayerPattern().Matches(block))
        {
            var index = Array.IndexOf(order, layer.Groups["layer"].Value);
            Assert.True(index >= 0, $"unknown layer '{layer.Groups["layer"].Value}' in the README graph");
            foreach (Match node in NodePattern().Matches(layer.Groups["body"].Value))
            {
                layerOf[node.Groups["name"].Value] = index;
            }
        }

        var wrong = new List<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var from = Short(project);
            Assert.True(layerOf.ContainsKey(from), $"{from} is in no layer of the README graph");
            foreach (var to in XDocument.Load(project).Descendants("ProjectReference").Select(r => Short(r.Attribute("Include")!.Value)))
            {
                if (layerOf[to] < layerOf[from] || layerOf[from] == order.Length - 1)
                {
                    wrong.Add($"{from} ({order[layerOf[from]]}) -> {to} ({order[layerOf[to]]})");
                }
            }
        }

        Assert.Empty(wrong);
    }

    /// <summary>The projects (short names, <c>Catalog.Client</c>) the README graph draws in one layer.</summary>
    internal static IReadOnlySet<string> LayerProjects(string layer)
        => LayerPattern().Matches(MermaidBlock()).Where(m => m.Groups["layer"].Value == layer)
            .SelectMany(m => NodePattern().Matches(m.Groups["body"].Value)).Select(n => n.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    private static string MermaidBlock()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var block = readme[readme.IndexOf("## Project graph", StringComparison.Ordinal)..];
        block = block[(block.IndexOf("```mermaid", StringComparison.Ordinal) + 10)..];
        return block[..block.IndexOf("```", StringComparison.Ordinal)];
    }

    private static string Short(string path) => Path.GetFileNameWithoutExtension(path.Replace('\\', '/')).Replace("LiveAssist.", string.Empty, StringComparison.Ordinal);
}
