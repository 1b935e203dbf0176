using LiveAssist.EngineChains;
using LiveAssist.EngineChains.Health;
using LiveAssist.Engines.Azure;
using LiveAssist.Engines.OpenAi;
using LiveAssist.Engines.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveAssist.Engines;

public static class EnginesServiceCollectionExtensions
{
    /// <summary>
    /// Registers every vendor's engines under their names (Azure: <c>azure</c>, <c>azure-rest</c>; OpenAI-compatible servers:
    /// <c>openai</c>), the Azure voice and avatar for the presenter, the built-in offline translator's probe, the engine
    /// chains and the engine settings' tester. Nothing is contacted unless <c>Speech:Engines</c> / <c>Translator:Engines</c> /
    /// <c>Tts:Engines</c> names it (or the studio asks for the avatar).
    /// </summary>
    public static IServiceCollection AddCloudEngines(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAzureEngines(configuration);
        services.AddOpenAiEngines(configuration);
        services.AddHttpClient(EngineTester.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan); // the tester bounds each call itself
        services.TryAddSingleton<EngineTester>();
        services.AddEngineChains();
        services.AddSingleton<IEngineProbe>(_ => new EngineProbe(EngineKinds.Translator, Translation.Offline.OfflineCaptionTranslator.EngineName, _ => Task.FromResult(EngineHealth.Ok("built in"))));
        return services;
    }
}
