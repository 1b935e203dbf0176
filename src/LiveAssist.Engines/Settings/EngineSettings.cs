namespace LiveAssist.Engines.Settings;

/// <summary>
/// Engine settings saved from the operator page (<c>data/engine-settings.dat</c>, encrypted). They are laid over
/// the configuration (<see cref="EngineSettingsConfigurationSource"/>), so they win over appsettings and environment.
/// </summary>
public sealed record EngineSettings
{
    /// <summary>Caption translators in fallback order (<c>azure</c>, <c>openai</c>); <c>offline</c> is always last.</summary>
    public List<string> TranslatorEngines { get; init; } = [];

    /// <summary>Server-side recognizers (<c>azure</c>); empty: browser recognition or typing only.</summary>
    public List<string> SpeechEngines { get; init; } = [];

    public AzureResourceSettings AzureTranslator { get; init; } = new();

    public AzureResourceSettings AzureSpeech { get; init; } = new();

    public OpenAiSettings OpenAi { get; init; } = new();
}

/// <summary>An Azure AI resource: key, region and, for Azure China or a custom domain, its endpoint.</summary>
public sealed record AzureResourceSettings
{
    public string? Key { get; init; }

    public string? Region { get; init; }

    public string? Endpoint { get; init; }
}

/// <summary>An OpenAI-compatible chat server (Ollama, vLLM, DeepSeek, Qwen/DashScope, OpenAI) used for translation.</summary>
public sealed record OpenAiSettings
{
    public string? BaseUrl { get; init; }

    public string? Model { get; init; }

    public string? ApiKey { get; init; }
}
