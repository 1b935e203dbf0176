using System.Net;
using System.Text.RegularExpressions;

namespace LiveAssist.Engines.Settings;

/// <summary>Checks an update field by field, with Chinese messages; an update with any problem is not saved at all.</summary>
public static partial class EngineSettingsValidator
{
    public static readonly string[] TranslatorEngineNames = ["azure", "openai"];
    public static readonly string[] SpeechEngineNames = ["azure"];
    public const int MaxUrlLength = 300;
    public const int MaxSecretLength = 300;

    /// <summary>Merges <paramref name="update"/> into <paramref name="saved"/> (secrets kept unless replaced or cleared) and lists what is wrong.</summary>
    /// <param name="inForce">Settings from the rest of the configuration: a key set there (environment) counts as present.</param>
    public static (EngineSettings Merged, List<SettingsProblem> Problems) Merge(EngineSettings saved, EngineSettingsUpdate update, EngineSettings? inForce = null)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(update);
        var problems = new List<SettingsProblem>();
        var translatorEngines = Engines(update.TranslatorEngines ?? saved.TranslatorEngines, TranslatorEngineNames, "translatorEngines", problems);
        var speechEngines = Engines(update.SpeechEngines ?? saved.SpeechEngines, SpeechEngineNames, "speechEngines", problems);
        var translator = Azure(saved.AzureTranslator, update.AzureTranslator, "azureTranslator", problems);
        var speech = Azure(saved.AzureSpeech, update.AzureSpeech, "azureSpeech", problems);
        var openAi = OpenAi(saved.OpenAi, update.OpenAi, problems);

        if (translatorEngines.Contains("azure") && string.IsNullOrEmpty(translator.Key ?? inForce?.AzureTranslator.Key))
        {
            problems.Add(new("azureTranslator.key", "要用 Azure 翻译，请填写密钥。"));
        }

        if (speechEngines.Contains("azure") && string.IsNullOrEmpty(speech.Key ?? inForce?.AzureSpeech.Key))
        {
            problems.Add(new("azureSpeech.key", "要用 Azure 语音识别，请填写密钥。"));
        }

        if (!string.IsNullOrEmpty(speech.Key) && string.IsNullOrEmpty(speech.Region) && string.IsNullOrEmpty(speech.Endpoint))
        {
            problems.Add(new("azureSpeech.region", "Azure 语音需要区域（如 eastasia、chinaeast2）或终结点。"));
        }

        if (translatorEngines.Contains("openai") && (string.IsNullOrEmpty(openAi.BaseUrl ?? inForce?.OpenAi.BaseUrl) || string.IsNullOrEmpty(openAi.Model ?? inForce?.OpenAi.Model)))
        {
            problems.Add(new("openAi.baseUrl", "要用大模型翻译，请填写服务器地址和模型名。"));
        }

        return (new EngineSettings { TranslatorEngines = translatorEngines, SpeechEngines = speechEngines, AzureTranslator = translator, AzureSpeech = speech, OpenAi = openAi }, problems);
    }

    private static List<string> Engines(List<string> names, string[] allowed, string field, List<SettingsProblem> problems)
    {
        var normalized = names.Select(n => (n ?? string.Empty).Trim().ToLowerInvariant()).Where(n => n.Length > 0).Distinct().ToList();
        if (normalized.Count > allowed.Length || normalized.Any(n => !allowed.Contains(n)))
        {
            problems.Add(new(field, $"引擎只能是：{string.Join("、", allowed)}。"));
            return [.. normalized.Where(allowed.Contains)];
        }

        return normalized;
    }

    private static AzureResourceSettings Azure(AzureResourceSettings saved, AzureResourceUpdate? update, string field, List<SettingsProblem> problems)
    {
        if (update is null)
        {
            return saved;
        }

        var key = update.ClearKey ? null : string.IsNullOrWhiteSpace(update.Key) ? saved.Key : Secret(update.Key.Trim(), field + ".key", problems);
        var region = string.IsNullOrWhiteSpace(update.Region) ? null : update.Region.Trim().ToLowerInvariant();
        if (region is not null && !RegionPattern().IsMatch(region))
        {
            problems.Add(new(field + ".region", "区域只能是小写字母和数字，如 eastasia、westeurope、chinaeast2。"));
        }

        var endpoint = Url(update.Endpoint, field + ".endpoint", requireHttps: true, problems);
        return new AzureResourceSettings { Key = key, Region = region, Endpoint = endpoint };
    }

    private static OpenAiSettings OpenAi(OpenAiSettings saved, OpenAiUpdate? update, List<SettingsProblem> problems)
    {
        if (update is null)
        {
            return saved;
        }

        var key = update.ClearApiKey ? null : string.IsNullOrWhiteSpace(update.ApiKey) ? saved.ApiKey : Secret(update.ApiKey.Trim(), "openAi.apiKey", problems);
        var model = string.IsNullOrWhiteSpace(update.Model) ? null : update.Model.Trim();
        if (model is not null && !ModelPattern().IsMatch(model))
        {
            problems.Add(new("openAi.model", "模型名最多 100 个字符，只能有字母、数字和 . _ : / -（如 qwen2.5:7b、deepseek-chat）。"));
        }

        return new OpenAiSettings { BaseUrl = Url(update.BaseUrl, "openAi.baseUrl", requireHttps: false, problems), Model = model, ApiKey = key };
    }

    private static string? Secret(string value, string field, List<SettingsProblem> problems)
    {
        if (value.Length is < 8 or > MaxSecretLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add(new(field, $"密钥应为 8 到 {MaxSecretLength} 个字符，不能有空格（从 Azure 门户或服务商后台复制）。"));
            return null;
        }

        return value;
    }

    /// <summary>An absolute http(s) URL; Azure resources must use https except on this machine (a local test server).</summary>
    public static string? Url(string? value, string field, bool requireHttps, List<SettingsProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo) || uri.Query.Length > 0)
        {
            problems.Add(new(field, $"地址应以 https:// 开头（最多 {MaxUrlLength} 个字符，不带 ? 参数），如 https://api.translator.azure.cn。"));
            return null;
        }

        if (requireHttps && uri.Scheme == "http" && !IsLoopback(uri))
        {
            problems.Add(new(field, "Azure 终结点必须用 https://。"));
            return null;
        }

        return text.TrimEnd('/');
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    [GeneratedRegex("^[a-z0-9]{2,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._:/-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelPattern();
}
