using System.ComponentModel.DataAnnotations;
using LiveAssist.Engines.Azure.CognitiveAuth;

namespace LiveAssist.Engines.Azure.Speech;

/// <summary>Azure AI Speech. Bound from <c>Speech:Azure</c>.</summary>
public sealed class AzureSpeechOptions : CognitiveAccount
{
    public const string SectionName = "Speech:Azure";

    /// <summary>Recognition WebSocket base (default <c>wss://{region}.stt.speech.microsoft.com</c>).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Speech-translation WebSocket base (default <c>wss://{region}.s2s.speech.microsoft.com</c>).</summary>
    public string? TranslationEndpoint { get; set; }

    /// <summary>Short-audio REST base (default <c>https://{region}.stt.speech.microsoft.com</c>).</summary>
    public string? RestEndpoint { get; set; }

    /// <summary>The service cuts a connection after 10 minutes; we recycle ours before that, between turns.</summary>
    [Range(10, 600)]
    public int MaxConnectionSeconds { get; set; } = 540;

    /// <summary>The service drops idle connections after 180 s; pooled ones idle longer are not reused.</summary>
    [Range(5, 3600)]
    public int IdleConnectionSeconds { get; set; } = 150;

    /// <summary>Reconnects (with replay of unacknowledged audio) allowed within one segment.</summary>
    [Range(0, 100)]
    public int MaxReconnects { get; set; } = 3;

    /// <summary>Audio sent as fast as available before pacing to twice real time (as the SDK does).</summary>
    [Range(0, 600_000)]
    public int UnpacedAudioMs { get; set; } = 5000;

    /// <summary>Short-lived tokens for the host page's Speech SDK (the key never reaches the browser).</summary>
    public bool BrowserRecognition { get; set; } = true;

    public Uri RecognitionUri(string locale)
        => new($"{Base(Endpoint, "stt")}/speech/recognition/conversation/cognitiveservices/v1?language={Uri.EscapeDataString(locale)}&format=detailed");

    public Uri TranslationUri(string locale, IEnumerable<string> targets)
        => new($"{Base(TranslationEndpoint, "s2s")}/speech/translation/cognitiveservices/v1?from={Uri.EscapeDataString(locale)}&to={Uri.EscapeDataString(string.Join(',', targets))}&format=detailed&scenario=conversation");

    public Uri ShortAudioBase() => new((string.IsNullOrWhiteSpace(RestEndpoint) ? $"https://{Region}.stt.speech.{CloudSuffix}" : RestEndpoint.TrimEnd('/')) + "/");

    private string Base(string? configured, string service)
        => string.IsNullOrWhiteSpace(configured) ? $"wss://{Region}.{service}.speech.{CloudSuffix}" : configured.TrimEnd('/');
}
