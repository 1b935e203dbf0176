using LiveAssist.Engines.Settings;

namespace LiveAssist.Engines.Tests.Settings;

public sealed class EngineSettingsValidatorTests
{
    private static readonly EngineSettings Saved = new()
    {
        TranslatorEngines = ["azure"],
        AzureTranslator = new AzureResourceSettings { Key = "saved-translator-key", Region = "eastasia" },
    };

    [Fact]
    public void Merge_SecretLeftEmpty_KeepsTheSavedOne()
    {
        var (merged, problems) = EngineSettingsValidator.Merge(Saved, new EngineSettingsUpdate { AzureTranslator = new AzureResourceUpdate(null, false, "westeurope", null) });

        Assert.Empty(problems);
        Assert.Equal("saved-translator-key", merged.AzureTranslator.Key);
        Assert.Equal("westeurope", merged.AzureTranslator.Region);
    }

    [Fact]
    public void Merge_AzureChosenWithItsKeyCleared_IsRefusedOnTheKeyField()
    {
        var (_, problems) = EngineSettingsValidator.Merge(Saved, new EngineSettingsUpdate { AzureTranslator = new AzureResourceUpdate(null, true, "eastasia", null) });

        Assert.Equal("azureTranslator.key", Assert.Single(problems).Field);
    }

    [Fact]
    public void Merge_UnknownEngineName_IsRefusedAndDropped()
    {
        var (merged, problems) = EngineSettingsValidator.Merge(Saved, new EngineSettingsUpdate { TranslatorEngines = ["Azure", "deepl"] });

        Assert.Contains(problems, p => p.Field == "translatorEngines");
        Assert.Equal(["azure"], merged.TranslatorEngines);
    }

    [Theory]
    [InlineData("https://api.translator.azure.cn/", true, "https://api.translator.azure.cn")]
    [InlineData("http://127.0.0.1:5123", true, "http://127.0.0.1:5123")]
    [InlineData("http://translator.example.com", true, null)]
    [InlineData("http://translator.example.com", false, "http://translator.example.com")]
    [InlineData("https://example.com/?key=1", false, null)]
    public void Url_AzureNeedsHttpsExceptOnThisMachine(string value, bool requireHttps, string? expected)
    {
        var problems = new List<SettingsProblem>();

        Assert.Equal(expected, EngineSettingsValidator.Url(value, "field", requireHttps, problems));
        Assert.Equal(expected is null, problems.Count == 1);
    }
}
