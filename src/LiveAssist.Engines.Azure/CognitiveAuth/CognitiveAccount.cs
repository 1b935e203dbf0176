namespace LiveAssist.Engines.Azure.CognitiveAuth;

/// <summary>How to reach and sign in to one Azure AI resource (Speech or Translator).</summary>
public class CognitiveAccount
{
    /// <summary>Resource key. Never sent to browsers: they get short-lived tokens instead.</summary>
    public string? Key { get; set; }

    /// <summary>Resource region (e.g. <c>westeurope</c>); needed for regional and multi-service Translator keys.</summary>
    public string? Region { get; set; }

    /// <summary>Sign in with Microsoft Entra ID (Azure.Identity's default credential) instead of the key.</summary>
    public bool UseEntraId { get; set; }

    /// <summary>ARM id of the resource, needed with Entra ID.</summary>
    public string? ResourceId { get; set; }

    /// <summary>Token service base (default <c>https://{region}.api.cognitive.microsoft.com</c>); set for custom domains or a local fake.</summary>
    public string? TokenEndpoint { get; set; }

    public bool HasCredentials => !string.IsNullOrWhiteSpace(Key) || (UseEntraId && !string.IsNullOrWhiteSpace(ResourceId));

    /// <summary>Host suffix rule of the Speech SDK: China and US Government regions live in their own clouds.</summary>
    public string CloudSuffix => Region switch
    {
        { } r when r.StartsWith("china", StringComparison.OrdinalIgnoreCase) => "azure.cn",
        { } r when r.StartsWith("usgov", StringComparison.OrdinalIgnoreCase) => "azure.us",
        _ => "microsoft.com",
    };

    public Uri IssueTokenUri()
        => new((string.IsNullOrWhiteSpace(TokenEndpoint) ? $"https://{Region}.api.cognitive.{CloudSuffix}" : TokenEndpoint.TrimEnd('/')) + "/sts/v1.0/issueToken");
}
