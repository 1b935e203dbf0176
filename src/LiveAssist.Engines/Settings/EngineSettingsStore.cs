using LiveAssist.Engines.Azure.Speech;
using LiveAssist.Engines.Azure.Translator;
using LiveAssist.Engines.OpenAi;
using Microsoft.Extensions.Configuration;

namespace LiveAssist.Engines.Settings;

/// <summary>
/// Reads and saves the operator's engine settings. Saving validates the whole update first (nothing is written
/// when a field is wrong), writes the encrypted file and reloads the configuration layer. The engines are built
/// once at start, so a saved change is in force after the next start; <see cref="RestartNeeded"/> says so.
/// </summary>
public sealed class EngineSettingsStore(EngineSettingsConfigurationProvider provider)
{
    private readonly Lock _gate = new();

    public EngineSettings Saved => provider.File.Read() ?? new EngineSettings();

    public bool HasSaved => File.Exists(provider.File.FilePath);

    /// <summary>True when what is saved now differs from what the engines were built with at start.</summary>
    public bool RestartNeeded => !Same(Flat(provider.AtStart), Flat(provider.File.Read()));

    public IReadOnlyList<SettingsProblem> Save(EngineSettingsUpdate update, EngineSettings inForce)
    {
        lock (_gate)
        {
            var (merged, problems) = EngineSettingsValidator.Merge(Saved, update, inForce);
            if (problems.Count > 0)
            {
                return problems;
            }

            provider.File.Write(merged);
            provider.Reload();
            return [];
        }
    }

    /// <summary>The store behind the configuration layer <see cref="EngineSettingsConfigurationExtensions.AddEngineSettings"/> added, if any.</summary>
    public static EngineSettingsStore? From(IConfiguration configuration)
        => (configuration as IConfigurationRoot)?.Providers.OfType<EngineSettingsConfigurationProvider>().FirstOrDefault() is { } found ? new EngineSettingsStore(found) : null;

    /// <summary>The settings the configuration gives now (saved ones laid over appsettings and environment).</summary>
    public static EngineSettings InForce(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var translator = configuration.GetSection(AzureTranslatorOptions.SectionName);
        var speech = configuration.GetSection(AzureSpeechOptions.SectionName);
        var openAi = configuration.GetSection(OpenAiServerOptions.TranslatorSection);
        return new EngineSettings
        {
            TranslatorEngines = Names(configuration.GetSection("Translator:Engines")),
            SpeechEngines = Names(configuration.GetSection("Speech:Engines")),
            AzureTranslator = new AzureResourceSettings { Key = Value(translator["Key"]), Region = Value(translator["Region"]), Endpoint = Value(translator["Endpoint"]) },
            AzureSpeech = new AzureResourceSettings { Key = Value(speech["Key"]), Region = Value(speech["Region"]), Endpoint = Value(speech["TokenEndpoint"]) },
            OpenAi = new OpenAiSettings { BaseUrl = Value(openAi["BaseUrl"]), Model = Value(openAi["Model"]), ApiKey = Value(openAi["ApiKey"]) },
        };
    }

    private static List<string> Names(IConfigurationSection section)
        => [.. section.GetChildren().Select(c => (c.Value ?? string.Empty).Trim().ToLowerInvariant()).Where(n => n.Length > 0).Distinct()];

    private static string? Value(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>"••••1234": enough to tell two keys apart, never the key.</summary>
    public static string? Hint(string? secret)
        => string.IsNullOrEmpty(secret) ? null : secret.Length < 12 ? "••••" : "••••" + secret[^4..];

    private static Dictionary<string, string?> Flat(EngineSettings? settings)
        => settings is null ? [] : EngineSettingsConfigurationProvider.Flatten(settings);

    private static bool Same(Dictionary<string, string?> a, Dictionary<string, string?> b)
        => a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);
}
