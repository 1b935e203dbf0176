using System.ComponentModel.DataAnnotations;

namespace LiveAssist.BotFramework;

/// <summary>
/// Bot identity and Bot Framework endpoints. Bound from the configuration root so the SDK's key
/// names (<c>MicrosoftAppId</c>, <c>ToBotFromChannelOpenIdMetadataUrl</c>, ...) keep working.
/// </summary>
public sealed class BotFrameworkOptions
{
    /// <summary>The bot's Microsoft App ID. Empty means local development: inbound auth is off.</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary><c>MultiTenant</c> (default), <c>SingleTenant</c> or <c>UserAssignedMSI</c>.</summary>
    public string? MicrosoftAppType { get; set; }

    [Required]
    public string ToBotFromChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    [Required]
    public string ToBotFromEmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    [Required]
    public string ToBotFromChannelTokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>Token endpoint for outbound calls; derived from the app type and tenant when empty.</summary>
    public string? ToChannelFromBotLoginUrl { get; set; }

    [Required]
    public string ToChannelFromBotOAuthScope { get; set; } = "https://api.botframework.com";

    /// <summary>serviceUrls the bot may call even before an authenticated activity named them (e.g. the Teams fallback).</summary>
    public List<string> TrustedServiceUrls { get; set; } = [];

    /// <summary>Channels that every channel token's signing key must endorse, on top of the activity's own channel.</summary>
    public List<string> RequiredEndorsements { get; set; } = [];

    public bool IsAuthenticationDisabled => string.IsNullOrWhiteSpace(MicrosoftAppId);

    internal string ResolveLoginUrl()
    {
        if (!string.IsNullOrWhiteSpace(ToChannelFromBotLoginUrl))
        {
            return ToChannelFromBotLoginUrl;
        }

        var tenant = string.Equals(MicrosoftAppType, "SingleTenant", StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(MicrosoftAppTenantId)
            ? MicrosoftAppTenantId
            : "botframework.com";
        return $"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";
    }
}
