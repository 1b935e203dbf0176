namespace LiveAssist.Host.Teams;

/// <summary>What goes into the Teams app package. Bound from <c>Teams</c>; the bot id defaults to <c>MicrosoftAppId</c>.</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    /// <summary>The Teams app's own id (a GUID that must stay the same across updates); derived from the bot id when empty.</summary>
    public string? AppId { get; set; }

    public string? BotId { get; set; }

    /// <summary>Semantic version; raise it for every package uploaded.</summary>
    public string Version { get; set; } = "1.0.0";

    public string ShortName { get; set; } = "LiveAssist";

    public string FullName { get; set; } = "LiveAssist live-commerce assistant";

    public string ShortDescription { get; set; } = "Prices, MOQ, stock and quotes from the seller's live showroom.";

    public string FullDescription { get; set; } =
        "Ask in your own language about the products shown in a live stream: price for your quantity, MOQ, stock by warehouse, lead time, samples, logo printing and certifications. Questions the assistant cannot answer go to the seller, translated.";

    public string DeveloperName { get; set; } = "LiveAssist";

    public string WebsiteUrl { get; set; } = "https://liveassist.example.com";

    public string PrivacyUrl { get; set; } = "https://liveassist.example.com/privacy";

    public string TermsOfUseUrl { get; set; } = "https://liveassist.example.com/terms";

    public string AccentColor { get; set; } = "#2A5BD7";

    public List<string> ValidDomains { get; set; } = [];
}
