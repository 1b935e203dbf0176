using System.Xml.Linq;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.Structure;

/// <summary>
/// Tests are arranged like <c>src/</c> (issue 18 point 8). The rule, kept simple:
/// <list type="number">
/// <item>every <c>src/LiveAssist.X</c> project has a fast unit-test project <c>tests/LiveAssist.X.Tests</c>, unless it is
/// exempted below with the reason it has no logic to test without a host or a server;</item>
/// <item>a unit-test project <c>tests/LiveAssist.X.Tests</c> references <c>src/LiveAssist.X</c> and, besides it, only
/// foundations (the README graph's <c>foundations</c> layer): no other capability, no adapter, no host, no test helper
/// project, so its tests cannot quietly test another project's code or start a host;</item>
/// <item>its folders are folders of <c>src/LiveAssist.X</c>, and it is in <c>Bot.sln</c>, so CI runs it.</item>
/// </list>
/// Whole-host tests live in <c>tests/LiveAssist.Host.IntegrationTests</c>, load tests in <c>tests/LiveAssist.LoadTests</c>.
/// </summary>
public sealed class UnitTestLayoutTests
{
    /// <summary>Source projects without a unit-test project, and why.</summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        ["Host"] = "composition root: endpoints, middleware and wiring, tested whole in Host.IntegrationTests",
        ["Redis"] = "adapter whose every class talks to a Redis server; tested against a real one in Host.IntegrationTests/ScaleOut",
    };

    private static string Tests => Path.Combine(RepoPaths.Root, "tests");

    private static IEnumerable<string> SourceProjects()
        => Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories).Select(Short);

    private static IEnumerable<string> UnitTestProjects()
        => Directory.GetDirectories(Tests, "LiveAssist.*.Tests").Select(d => Path.GetFileName(d)["LiveAssist.".Length..^".Tests".Length]);

    [Fact]
    public void EverySourceProjectWithLogic_HasAUnitTestProjectNamedAfterIt()
    {
        var tested = UnitTestProjects().ToHashSet(StringComparer.Ordinal);
        var missing = SourceProjects().Where(p => !Exempt.ContainsKey(p) && !tested.Contains(p)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"no tests/LiveAssist.X.Tests for: {string.Join(", ", missing)} (add one, or exempt the project here saying why)");
        Assert.DoesNotContain(Exempt.Keys, tested.Contains); // an exemption that is no longer needed
        Assert.Empty(Exempt.Keys.Except(SourceProjects())); // an exemption for a project that is gone
    }

    [Fact]
    public void AUnitTestProject_ReferencesItsOwnProject_AndOnlyFoundationsBesides()
    {
        var foundations = ProjectGraphTests.LayerProjects("foundations");
        Assert.NotEmpty(foundations);
        var sources = SourceProjects().ToHashSet(StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach (var name in UnitTestProjects())
        {
            if (!sources.Contains(name))
            {
                wrong.Add($"{name}.Tests: there is no src/LiveAssist.{name}");
                continue;
            }

            var references = XDocument.Load(CsprojOf(name)).Descendants("ProjectReference").Select(r => r.Attribute("Include")!.Value.Replace('\\', '/')).ToList();
            if (!references.Any(r => Short(r) == name && r.Contains("/src/", StringComparison.Ordinal)))
            {
                wrong.Add($"{name}.Tests does not reference src/LiveAssist.{name}");
            }

            wrong.AddRange(references.Where(r => !r.Contains("/src/", StringComparison.Ordinal) || (Short(r) != name && !foundations.Contains(Short(r))))
                .Select(r => $"{name}.Tests -> {r}"));
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void AUnitTestProject_HasTheFoldersOfItsProject_AndRunsInTheSolution()
    {
        var solution = File.ReadAllText(Path.Combine(RepoPaths.Root, "Bot.sln")).Replace('\\', '/');
        var wrong = new List<string>();
        foreach (var name in UnitTestProjects())
        {
            var project = Path.GetDirectoryName(CsprojOf(name))!;
            if (!solution.Contains($"tests/LiveAssist.{name}.Tests/LiveAssist.{name}.Tests.csproj", StringComparison.Ordinal))
            {
                wrong.Add($"{name}.Tests is not in Bot.sln");
            }

            var source = Path.Combine(RepoPaths.Root, "src", "LiveAssist." + name);
            foreach (var folder in Directory.GetDirectories(project, "*", SearchOption.AllDirectories)
                .Select(d => Path.GetRelativePath(project, d).Replace('\\', '/'))
                .Where(d => d.Split('/')[0] is not ("bin" or "obj" or "TestResults")))
            {
                if (!Directory.Exists(Path.Combine(source, folder)))
                {
                    wrong.Add($"{name}.Tests/{folder} has no src/LiveAssist.{name}/{folder}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    private static string CsprojOf(string name) => Path.Combine(Tests, $"LiveAssist.{name}.Tests", $"LiveAssist.{name}.Tests.csproj");

    private static string Short(string path) => Path.GetFileNameWithoutExtension(path.Replace('\\', '/')).Replace("LiveAssist.", string.Empty, StringComparison.Ordinal);
}
