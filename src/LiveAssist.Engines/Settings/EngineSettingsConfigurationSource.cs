using System.Globalization;
using LiveAssist.Engines.Azure.Speech;
using LiveAssist.Engines.Azure.Translator;
using LiveAssist.Engines.OpenAi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace LiveAssist.Engines.Settings;

/// <summary>Lays the saved engine settings over the configuration, as the keys the engines' options already bind.</summary>
public sealed class EngineSettingsConfigurationSource(EngineSettingsFile file) : IConfigurationSource
{
    public EngineSettingsFile File { get; } = file;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new EngineSettingsConfigurationProvider(File);
}

public sealed class EngineSettingsConfigurationProvider(EngineSettingsFile file) : ConfigurationProvider
{
    public EngineSettingsFile File { get; } = file;

    /// <summary>The settings as read at start: what the engines run with until the next start.</summary>
    public EngineSettings? AtStart { get; private set; }

    private bool _loaded;

    public override void Load()
    {
        var settings = File.Read();
        if (!_loaded)
        {
            AtStart = settings;
            _loaded = true;
        }

        Data = settings is null ? new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) : Flatten(settings);
    }

    /// <summary>Re-reads the file after a save and tells configuration listeners.</summary>
    public void Reload()
    {
        Load();
        OnReload();
    }

    public static Dictionary<string, string?> Flatten(EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        List("Translator:Engines", settings.TranslatorEngines, data);
        List("Speech:Engines", settings.SpeechEngines, data);
        Set(data, AzureTranslatorOptions.SectionName + ":Key", settings.AzureTranslator.Key);
        Set(data, AzureTranslatorOptions.SectionName + ":Region", settings.AzureTranslator.Region);
        Set(data, AzureTranslatorOptions.SectionName + ":Endpoint", settings.AzureTranslator.Endpoint);
        Set(data, AzureSpeechOptions.SectionName + ":Key", settings.AzureSpeech.Key);
        Set(data, AzureSpeechOptions.SectionName + ":Region", settings.AzureSpeech.Region);
        if (!string.IsNullOrWhiteSpace(settings.AzureSpeech.Endpoint))
        {
            // One base for a custom domain or a private endpoint: tokens and short audio over https, streaming over wss.
            var https = settings.AzureSpeech.Endpoint.TrimEnd('/');
            Set(data, AzureSpeechOptions.SectionName + ":TokenEndpoint", https);
            Set(data, AzureSpeechOptions.SectionName + ":RestEndpoint", https);
            Set(data, AzureSpeechOptions.SectionName + ":Endpoint", "ws" + https[4..]);
        }

        Set(data, OpenAiServerOptions.TranslatorSection + ":BaseUrl", settings.OpenAi.BaseUrl);
        Set(data, OpenAiServerOptions.TranslatorSection + ":Model", settings.OpenAi.Model);
        Set(data, OpenAiServerOptions.TranslatorSection + ":ApiKey", settings.OpenAi.ApiKey);
        return data;
    }

    // An empty list still overrides the first entry, so "no engine" saved here beats one named in appsettings.
    private static void List(string key, List<string> values, Dictionary<string, string?> data)
    {
        if (values.Count == 0)
        {
            data[key + ":0"] = string.Empty;
        }

        for (var i = 0; i < values.Count; i++)
        {
            data[key + ":" + i.ToString(CultureInfo.InvariantCulture)] = values[i];
        }
    }

    private static void Set(Dictionary<string, string?> data, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            data[key] = value;
        }
    }
}

public static class EngineSettingsConfigurationExtensions
{
    /// <summary>Adds the operator's saved engine settings last, so they win over appsettings and environment variables.</summary>
    public static IConfigurationBuilder AddEngineSettings(this IConfigurationManager configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var directory = configuration["Storage:DataDirectory"] is { Length: > 0 } configured ? configured : "./data";
        if (!Path.IsPathRooted(directory))
        {
            directory = Path.Combine(environment.ContentRootPath, directory);
        }

        return configuration.Add(new EngineSettingsConfigurationSource(new EngineSettingsFile(Path.GetFullPath(directory))));
    }
}
