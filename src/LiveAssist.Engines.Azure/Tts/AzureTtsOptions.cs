using System.ComponentModel.DataAnnotations;
using LiveAssist.Engines.Azure.CognitiveAuth;

namespace LiveAssist.Engines.Azure.Tts;

/// <summary>Azure text to speech over REST (section <c>Tts:Azure</c>).</summary>
public sealed class AzureTtsOptions : CognitiveAccount
{
    public const string SectionName = "Tts:Azure";

    /// <summary>Default <c>https://{region}.tts.speech.microsoft.com</c>; set for custom domains or a local fake.</summary>
    public string? Endpoint { get; set; }

    /// <summary>RIFF PCM, so the duration is known exactly from the header.</summary>
    public string OutputFormat { get; set; } = "riff-24khz-16bit-mono-pcm";

    /// <summary>Voice per caption language (ShortName from the voices list), over the defaults.</summary>
    public Dictionary<string, string> Voices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A line that takes longer is handed to the next engine: captions must not wait.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 8;

    /// <summary>How long to stop asking after the key is refused (401/403).</summary>
    [Range(0, 86_400)]
    public int AuthFailureBackoffSeconds { get; set; } = 300;

    /// <summary>
    /// The avatar page opens a new Azure avatar session after this long and drops the old one between lines, ahead of the
    /// service's limit on one real-time avatar connection (30 minutes), so a live of hours never loses its presenter.
    /// </summary>
    [Range(1, 1800)]
    public int AvatarRenewSeconds { get; set; } = 1500;

    public Uri BaseUri() => new((string.IsNullOrWhiteSpace(Endpoint) ? $"https://{Region}.tts.speech.{CloudSuffix}" : Endpoint.TrimEnd('/')) + "/");
}
