using LiveAssist.Captions.Pipeline;
using LiveAssist.EngineChains;
using LiveAssist.EngineChains.Health;
using LiveAssist.Engines;
using LiveAssist.Engines.CognitiveAuth;
using LiveAssist.Presenter.Delivery;
using LiveAssist.Presenter.Lines;
using LiveAssist.Presenter.Models;
using LiveAssist.Presenter.Synthesis;
using LiveAssist.Presenter.Synthesis.Azure;
using LiveAssist.Presenter.Synthesis.Espeak;
using LiveAssist.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace LiveAssist.Presenter;

public static class PresenterServiceCollectionExtensions
{
    /// <summary>Key of the Azure TTS token provider (keyed <c>CognitiveTokenProvider</c>).</summary>
    public const string TtsTokenKey = "tts";

    /// <summary>The digital presenter: scripts, voices (<c>espeak</c>, <c>azure</c>), line cache, prefetch of final captions.</summary>
    public static IServiceCollection AddPresenter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PresenterOptions>().Bind(configuration.GetSection(PresenterOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AzureTtsOptions>().Bind(configuration.GetSection(AzureTtsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AzureTtsOptions>>().Value);
        services.AddSingleton<EspeakSynthesizer>();
        services.AddSingleton<EspeakReader>();
        services.AddKeyedSingleton<ITextToSpeechEngine, EspeakSpeechEngine>(EspeakSpeechEngine.EngineName);

        services.AddCognitiveTokenProvider<AzureTtsOptions>(TtsTokenKey, AzureTtsOptions.SectionName);
        services.AddRefitGeneratedClient<IAzureTtsApi>()
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<AzureTtsOptions>().BaseUri();
                http.Timeout = Timeout.InfiniteTimeSpan; // the engine bounds each line itself
            })
            .AddHttpMessageHandler(sp => new AzureTtsAuthHandler(sp.GetRequiredService<AzureTtsOptions>(), () => sp.GetRequiredKeyedService<CognitiveTokenProvider>(TtsTokenKey)));
        services.AddKeyedSingleton<ITextToSpeechEngine, AzureTtsEngine>(AzureTtsEngine.EngineName);
        services.AddHttpClient(AvatarRelay.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));

        // The presenter's voices, in /readyz as kind tts.
        services.AddEngineChains();
        services.AddSingleton<VoiceChain>();
        services.AddSingleton<IEngineChain>(sp => sp.GetRequiredService<VoiceChain>().Engines);
        services.AddSingleton<IEngineProbe>(_ => new EngineProbe(EngineKinds.Voice, EspeakSpeechEngine.EngineName, _ => Task.FromResult(
            EspeakSynthesizer.Unavailable is { } why ? EngineHealth.Unavailable(why) : EngineHealth.Ok("espeak-ng library loaded"))));
        services.AddSingleton<IEngineProbe>(sp => new EngineProbe(EngineKinds.Voice, AzureTtsEngine.EngineName, async cancellationToken =>
        {
            if (!sp.GetRequiredService<AzureTtsOptions>().HasCredentials)
            {
                return EngineHealth.NotConfigured("Tts:Azure needs Key and Region (or UseEntraId and ResourceId)");
            }

            using var voices = await sp.GetRequiredService<IAzureTtsApi>().VoicesAsync(cancellationToken).ConfigureAwait(false);
            return voices.IsSuccessStatusCode
                ? EngineHealth.Ok($"{voices.Content?.Count ?? 0} voices in the region")
                : EngineHealth.Unavailable($"voices list answered {(int?)voices.StatusCode}");
        }));

        services.AddSingleton(sp => new PresenterLineStore(sp.OpenDataFile("presenter.db"), sp.DataFilePath("speech")));
        services.AddSingleton<PresenterLineMaker>();
        services.AddSingleton(sp => new AvatarModelStore(sp.DataFilePath("avatars")));
        services.AddSingleton<PresenterPrefetcher>();
        services.AddSingleton<IFinalCaptionObserver>(sp => sp.GetRequiredService<PresenterPrefetcher>());
        services.AddHostedService(sp => sp.GetRequiredService<PresenterPrefetcher>());
        return services;
    }
}
