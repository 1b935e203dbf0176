namespace LiveAssist.Engines.Settings;

/// <summary>
/// What the settings page sends. A secret left empty keeps the saved one (the page never has it);
/// <c>ClearKey</c> removes it.
/// </summary>
public sealed record EngineSettingsUpdate
{
    public List<string>? TranslatorEngines { get; init; }

    public List<string>? SpeechEngines { get; init; }

    public AzureResourceUpdate? AzureTranslator { get; init; }

    public AzureResourceUpdate? AzureSpeech { get; init; }

    public OpenAiUpdate? OpenAi { get; init; }
}

public sealed record AzureResourceUpdate(string? Key, bool ClearKey, string? Region, string? Endpoint);

public sealed record OpenAiUpdate(string? BaseUrl, string? Model, string? ApiKey, bool ClearApiKey);

/// <summary>One refused field: which (<c>azureTranslator.key</c>) and why, in Chinese for the operator.</summary>
public sealed record SettingsProblem(string Field, string Message);
