using LiveAssist.Captions.Pipeline;
using LiveAssist.EngineChains;
using LiveAssist.EngineChains.Health;
using LiveAssist.Presenter.Delivery;
using LiveAssist.Presenter.Lines;
using LiveAssist.Presenter.Models;
using LiveAssist.Presenter.Synthesis;
using LiveAssist.Presenter.Synthesis.Espeak;
using LiveAssist.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveAssist.Presenter;

public static class PresenterServiceCollectionExtensions
{
    /// <summary>The digital presenter: scripts, voices (<c>espeak</c>; cloud voices from the vendor adapters), line cache, prefetch of final captions.</summary>
    public static IServiceCollection AddPresenter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PresenterOptions>().Bind(configuration.GetSection(PresenterOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EspeakSynthesizer>();
        services.AddSingleton<EspeakReader>();
        services.AddKeyedSingleton<ITextToSpeechEngine, EspeakSpeechEngine>(EspeakSpeechEngine.EngineName);

        // Cloud voices and the Azure avatar come from the vendor adapters (LiveAssist.Engines.Azure); without them, espeak-ng only.
        services.TryAddSingleton<ICloudVoices, NoCloudVoices>();
        services.TryAddSingleton<IAvatarSessionIssuer, NoAvatarSessions>();

        // The presenter's voices, in /readyz as kind tts.
        services.AddEngineChains();
        services.AddSingleton<VoiceChain>();
        services.AddSingleton<IEngineChain>(sp => sp.GetRequiredService<VoiceChain>().Engines);
        services.AddSingleton<IEngineProbe>(_ => new EngineProbe(EngineKinds.Voice, EspeakSpeechEngine.EngineName, _ => Task.FromResult(
            EspeakSynthesizer.Unavailable is { } why ? EngineHealth.Unavailable(why) : EngineHealth.Ok("espeak-ng library loaded"))));

        services.AddSingleton(sp => new PresenterLineStore(sp.OpenDataFile("presenter.db"), sp.DataFilePath("speech")));
        services.AddSingleton<PresenterLineMaker>();
        services.AddSingleton(sp => new AvatarModelStore(sp.DataFilePath("avatars")));
        services.AddSingleton<PresenterPrefetcher>();
        services.AddSingleton<IFinalCaptionObserver>(sp => sp.GetRequiredService<PresenterPrefetcher>());
        services.AddHostedService(sp => sp.GetRequiredService<PresenterPrefetcher>());
        return services;
    }
}
