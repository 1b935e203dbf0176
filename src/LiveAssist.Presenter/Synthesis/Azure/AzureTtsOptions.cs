using LiveAssist.Engines.CognitiveAuth;

namespace LiveAssist.Presenter.Synthesis.Azure;

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
    public int TimeoutSeconds { get; set; } = 8;

    /// <summary>How long to stop asking after the key is refused (401/403).</summary>
    public int AuthFailureBackoffSeconds { get; set; } = 300;

    public Uri BaseUri() => new((string.IsNullOrWhiteSpace(Endpoint) ? $"https://{Region}.tts.speech.{CloudSuffix}" : Endpoint.TrimEnd('/')) + "/");
}
