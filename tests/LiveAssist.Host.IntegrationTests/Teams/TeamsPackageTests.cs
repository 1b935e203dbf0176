using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using LiveAssist.Host.Teams;
using LiveAssist.Testing;
using NJsonSchema;

namespace LiveAssist.Host.IntegrationTests.Teams;

/// <summary>The Teams app package the <c>teams-package</c> command writes: a manifest the official 1.29 schema accepts, and both icons at their sizes.</summary>
public sealed class TeamsPackageTests
{
    private const string BotId = "2f1e4c3b-9a87-4d65-b321-0fedcba98765";

    private static readonly Lazy<JsonSchema> ManifestSchema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Teams", "teams-manifest-1.29.schema.json"))).GetAwaiter().GetResult());

    [Fact]
    public async Task Command_WritesPackage_ManifestValidAgainstSchema_IconsAtTeamsSizes()
    {
        var output = Path.Combine(RepoPaths.NewTempDirectory("teams"), "app.zip");
        var start = new ProcessStartInfo("dotnet", [HostDll(), "teams-package", "--out", output]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.Environment["MicrosoftAppId"] = BotId;
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);

        using var zip = ZipFile.OpenRead(output);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        var manifestText = await new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEndAsync();

        Assert.Empty(ManifestSchema.Value.Validate(manifestText));
        var manifest = JsonNode.Parse(manifestText)!;
        Assert.Equal("1.29", manifest["manifestVersion"]!.GetValue<string>());
        Assert.Equal(BotId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(["personal", "groupChat", "team"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(Guid.TryParse(manifest["id"]!.GetValue<string>(), out var appId) && appId != Guid.Parse(BotId));

        var color = ReadPng(zip.GetEntry("color.png")!);
        var outline = ReadPng(zip.GetEntry("outline.png")!);
        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.Equal(6, outline.ColorType); // RGBA: the outline needs transparency
    }

    [Fact]
    public void SameBot_SameAppId_SoAnUploadUpdatesTheApp()
    {
        var first = TeamsAppPackage.Manifest(new TeamsOptions(), BotId);
        var second = TeamsAppPackage.Manifest(new TeamsOptions { Version = "1.0.1" }, BotId);
        Assert.Equal(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
    }

    [Fact]
    public void SchemaCatchesABrokenManifest()
    {
        var manifest = TeamsAppPackage.Manifest(new TeamsOptions(), BotId);
        manifest["bots"]![0]!["scopes"] = new JsonArray("personal", "everywhere");
        manifest.Remove("developer");

        var errors = ManifestSchema.Value.Validate(manifest.ToJsonString());

        Assert.Contains(errors, e => e.Property == "developer");
        Assert.Contains(errors, e => e.Path?.Contains("scopes", StringComparison.Ordinal) == true || e.ToString().Contains("scopes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Command_WithoutBotId_SaysWhatToSet()
    {
        var start = new ProcessStartInfo("dotnet", [HostDll(), "teams-package", "--out", Path.Combine(Path.GetTempPath(), "never.zip")]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.Environment["MicrosoftAppId"] = string.Empty;
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("MicrosoftAppId", stderr, StringComparison.Ordinal);
    }

    private static string HostDll() => Path.Combine(AppContext.BaseDirectory, "LiveAssist.Host.dll");

    private static (int Width, int Height, byte ColorType) ReadPng(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var header = new byte[26];
        stream.ReadExactly(header);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)), header[25]);
    }
}
