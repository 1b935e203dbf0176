using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Engines.OpenAi;

/// <summary>
/// An OpenAI-compatible server: OpenAI itself, Azure OpenAI's v1 endpoint, or a local one (Ollama,
/// vLLM, whisper.cpp server, faster-whisper servers). Bound from <c>Speech:OpenAi</c> and
/// <c>Translator:OpenAi</c>.
/// </summary>
public sealed class OpenAiServerOptions
{
    public const string SpeechSection = "Speech:OpenAi";
    public const string TranslatorSection = "Translator:OpenAi";

    /// <summary>The API root including <c>/v1</c>, e.g. <c>http://127.0.0.1:11434/v1</c> (Ollama) or <c>https://api.openai.com/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Bearer key; local servers usually need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Model name as the server knows it (<c>whisper-1</c>, <c>qwen2.5:7b</c>, …).</summary>
    public string? Model { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);

    public Uri BaseUri() => new(BaseUrl!.TrimEnd('/') + "/");
}
