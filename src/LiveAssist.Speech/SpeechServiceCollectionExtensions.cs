using LiveAssist.EngineChains;
using LiveAssist.EngineChains.Health;
using LiveAssist.Speech.Recognition;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>The recognizer chain (<c>Speech:Engines</c>), reported by <c>/readyz</c> as kind <c>speech</c>; options are bound by the caller.</summary>
    public static IServiceCollection AddSpeechRecognition(this IServiceCollection services)
    {
        services.AddEngineChains();
        services.AddSingleton<RecognizerChain>();
        services.AddSingleton<IEngineChain>(sp => sp.GetRequiredService<RecognizerChain>().Engines);
        return services;
    }
}
