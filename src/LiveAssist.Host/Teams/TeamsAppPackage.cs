using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveAssist.Host.Teams;

/// <summary>
/// Builds the Teams app package: <c>manifest.json</c> (schema 1.29) with the bot, a 192×192 colour icon
/// and a 32×32 white-on-transparent outline icon, zipped flat as Teams expects.
/// </summary>
public static class TeamsAppPackage
{
    public const string ManifestVersion = "1.29";

    public static JsonObject Manifest(TeamsOptions options, string botId)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Guid.TryParse(botId, out var bot))
        {
            throw new ArgumentException($"The bot id '{botId}' is not a GUID (Teams:BotId or MicrosoftAppId: the Azure Bot's Microsoft App ID).", nameof(botId));
        }

        var appId = string.IsNullOrWhiteSpace(options.AppId) ? DerivedAppId(bot) : Guid.Parse(options.AppId);
        string[] scopes = ["personal", "groupChat", "team"];
        return new JsonObject
        {
            ["$schema"] = $"https://developer.microsoft.com/en-us/json-schemas/teams/v{ManifestVersion}/MicrosoftTeams.schema.json",
            ["manifestVersion"] = ManifestVersion,
            ["version"] = options.Version,
            ["id"] = appId.ToString(),
            ["developer"] = new JsonObject
            {
                ["name"] = Cut(options.DeveloperName, 32),
                ["websiteUrl"] = options.WebsiteUrl,
                ["privacyUrl"] = options.PrivacyUrl,
                ["termsOfUseUrl"] = options.TermsOfUseUrl,
            },
            ["name"] = new JsonObject { ["short"] = Cut(options.ShortName, 30), ["full"] = Cut(options.FullName, 100) },
            ["description"] = new JsonObject { ["short"] = Cut(options.ShortDescription, 80), ["full"] = Cut(options.FullDescription, 4000) },
            ["icons"] = new JsonObject { ["color"] = "color.png", ["outline"] = "outline.png" },
            ["accentColor"] = options.AccentColor,
            ["bots"] = new JsonArray(new JsonObject
            {
                ["botId"] = bot.ToString(),
                ["scopes"] = new JsonArray([.. scopes.Select(s => JsonValue.Create(s))]),
                ["supportsFiles"] = false,
                ["isNotificationOnly"] = false,
                ["commandLists"] = new JsonArray(new JsonObject
                {
                    ["scopes"] = new JsonArray([.. scopes.Select(s => JsonValue.Create(s))]),
                    ["commands"] = new JsonArray(
                        Command("help", "What I can answer"),
                        Command("quote request", "Ask for a quote step by step"),
                        Command("MOQ?", "Minimum order of the product on screen")),
                }),
            }),
            ["validDomains"] = new JsonArray([.. options.ValidDomains.Select(d => JsonValue.Create(d))]),
        };
    }

    public static byte[] Build(TeamsOptions options, string botId)
    {
        var manifest = Manifest(options, botId);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
            Add(archive, "color.png", ColorIcon(ParseColor(options.AccentColor)));
            Add(archive, "outline.png", OutlineIcon());
        }

        return zip.ToArray();
    }

    /// <summary>A speech bubble in white on the accent colour, 192×192.</summary>
    public static byte[] ColorIcon(uint accent) => PngImage.Encode(192, 192, (x, y) => InBubble(x, y, 192, 0) ? 0xFFFFFFFF : accent);

    /// <summary>The bubble's outline in white on transparent, 32×32.</summary>
    public static byte[] OutlineIcon() => PngImage.Encode(32, 32, (x, y) => InBubble(x, y, 32, 0) && !InBubble(x, y, 32, 3) ? 0xFFFFFFFF : 0x00000000);

    private static bool InBubble(int x, int y, int size, int inset)
    {
        double s = size, cx = s / 2, cy = s * 0.45, r = (s * 0.34) - inset;
        var inCircle = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= r * r;
        // The tail: a triangle below-left of the circle.
        var tail = inset == 0 && y > cy && y < s * 0.88 && x > s * 0.25 && x < s * 0.45 && (x - (s * 0.25)) >= (y - cy) * 0.35;
        return inCircle || tail;
    }

    private static uint ParseColor(string hex)
        => hex is ['#', .. var digits] && digits.Length == 6 && uint.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb) ? (rgb << 8) | 0xFF : 0x2A5BD7FF;

    // Stable across runs, so re-packaging for the same bot updates the same Teams app.
    private static Guid DerivedAppId(Guid bot)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("liveassist-teams-app:" + bot));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static JsonObject Command(string title, string description) => new() { ["title"] = title, ["description"] = description };

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    private static void Add(ZipArchive archive, string name, byte[] content)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(content);
    }
}
