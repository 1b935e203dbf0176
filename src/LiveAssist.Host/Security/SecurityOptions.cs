using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Host.Security;

/// <summary>Request-level defences of the host. Bound from <c>Security</c>.</summary>
internal sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Largest request body any endpoint reads, chunked or not (1 MiB). Endpoints that need more raise it for
    /// themselves (the catalog import).
    /// </summary>
    [Range(16 * 1024, 1024L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Who may frame the pages meant to be embedded (<c>/chat</c>, <c>/overlay</c>, <c>/avatar</c>), as a CSP
    /// <c>frame-ancestors</c> source list (default <c>*</c>: any merchant site, OBS). Every other page may not be framed.
    /// </summary>
    [Required]
    public string EmbedFrameAncestors { get; set; } = "*";
}
