using Azure.Core;
using Azure.Identity;
using LiveAssist.EngineChains;
using LiveAssist.EngineChains.Health;
using LiveAssist.Engines.Azure.CognitiveAuth;
using LiveAssist.Engines.Azure.Speech;
using LiveAssist.Engines.Azure.Translator;
using LiveAssist.Engines.Azure.Tts;
using LiveAssist.Presenter.Delivery;
using LiveAssist.Presenter.Synthesis;
using LiveAssist.Speech.Recognition;
using LiveAssist.Translation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace LiveAssist.Engines.Azure;

public static class AzureEnginesServiceCollectionExtensions
{
    /// <summary>Key of the Speech resource's <see cref="CognitiveTokenProvider"/> and of speech engines' probes and options.</summary>
    public const string SpeechKey = "speech";

    public const string TranslatorKey = "translator";

    /// <summary>Key of the Azure TTS resource's <see cref="CognitiveTokenProvider"/> and of its voices' probe.</summary>
    public const string TtsKey = "tts";

    /// <summary>
    /// Registers the Azure engines under their names: the recognizers <c>azure</c> and <c>azure-rest</c>, the caption
    /// translator <c>azure</c>, the voice <c>azure</c> with the studio's voice list and the avatar relay, and their probes.
    /// Nothing is contacted unless <c>Speech:Engines</c> / <c>Translator:Engines</c> / <c>Tts:Engines</c> names it (or the
    /// studio asks for the avatar).
    /// </summary>
    public static IServiceCollection AddAzureEngines(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AzureSpeechOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AzureTranslatorOptions>>().Value);
        services.AddOptions<AzureSpeechOptions>().Bind(configuration.GetSection(AzureSpeechOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AzureTranslatorOptions>().Bind(configuration.GetSection(AzureTranslatorOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        // Entra ID only when asked for: DefaultAzureCredential probes the environment when first used.
        services.AddSingleton<Lazy<TokenCredential>>(_ => new(() => new DefaultAzureCredential()));
        AddAzureSpeech(services);
        AddAzureTranslator(services);
        AddAzureTts(services, configuration);
        return services;
    }

    private static void AddAzureSpeech(IServiceCollection services)
    {
        services.AddCognitiveTokenProvider<AzureSpeechOptions>(SpeechKey, AzureSpeechOptions.SectionName);
        services.AddSingleton(sp => new AzureSpeechClient(sp.GetRequiredService<AzureSpeechOptions>(), sp.GetRequiredKeyedService<CognitiveTokenProvider>(SpeechKey),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AzureSpeechClient>>()));
        services.AddKeyedSingleton<ISpeechRecognizer>(AzureSpeechRecognizer.EngineName, (sp, _) => new AzureSpeechRecognizer(sp.GetRequiredService<AzureSpeechClient>()));
        services.AddRefitGeneratedClient<IShortAudioApi>()
            .ConfigureHttpClient((sp, http) => http.BaseAddress = sp.GetRequiredService<AzureSpeechOptions>().ShortAudioBase());
        services.AddKeyedSingleton<ISpeechRecognizer>(AzureShortAudioRecognizer.EngineName, (sp, _) => new AzureShortAudioRecognizer(sp.GetRequiredService<IShortAudioApi>(), sp.GetRequiredKeyedService<CognitiveTokenProvider>(SpeechKey)));
        foreach (var name in new[] { AzureSpeechRecognizer.EngineName, AzureShortAudioRecognizer.EngineName })
        {
            services.AddSingleton<IEngineProbe>(sp => new EngineProbe(SpeechKey, name, async cancellationToken =>
            {
                if (!sp.GetRequiredService<AzureSpeechOptions>().HasCredentials)
                {
                    return EngineHealth.NotConfigured("Speech:Azure needs Key and Region (or UseEntraId and ResourceId)");
                }

                await sp.GetRequiredKeyedService<CognitiveTokenProvider>(SpeechKey).GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
                var client = sp.GetRequiredService<AzureSpeechClient>();
                return EngineHealth.Ok($"token issued; {client.ConnectionsOpened} connections opened, {client.Reconnects} reconnects");
            }));
        }
    }

    /// <summary>Azure neural voices for the presenter (<c>Tts:Azure</c>), the studio's list of them, and the Azure avatar's relay.</summary>
    private static void AddAzureTts(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AzureTtsOptions>().Bind(configuration.GetSection(AzureTtsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AzureTtsOptions>>().Value);
        services.AddCognitiveTokenProvider<AzureTtsOptions>(TtsKey, AzureTtsOptions.SectionName);
        services.AddRefitGeneratedClient<IAzureTtsApi>()
            .ConfigureHttpClient((sp, http) =>
            {
                // Without a region or endpoint there is no address: the engine, made when Tts:Engines names it, refuses each line itself.
                var options = sp.GetRequiredService<AzureTtsOptions>();
                http.BaseAddress = string.IsNullOrWhiteSpace(options.Region) && string.IsNullOrWhiteSpace(options.Endpoint)
                    ? new Uri("http://tts-azure-not-configured.invalid/")
                    : options.BaseUri();
                http.Timeout = Timeout.InfiniteTimeSpan; // the engine bounds each line itself
            })
            .AddHttpMessageHandler(sp => new AzureTtsAuthHandler(sp.GetRequiredService<AzureTtsOptions>(), () => sp.GetRequiredKeyedService<CognitiveTokenProvider>(TtsKey)));
        services.AddKeyedSingleton<ITextToSpeechEngine, AzureTtsEngine>(AzureTtsEngine.EngineName);
        services.AddSingleton<ICloudVoices>(sp => new AzureCloudVoices(sp.GetRequiredService<AzureTtsOptions>(), sp));
        services.AddHttpClient(AzureAvatarSessions.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IAvatarSessionIssuer>(sp => new AzureAvatarSessions(sp.GetRequiredService<AzureTtsOptions>(), sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredKeyedService<CognitiveTokenProvider>(TtsKey)));
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
    }

    /// <summary>
    /// A keyed <see cref="CognitiveTokenProvider"/> for a Speech resource whose account (<typeparamref name="TAccount"/>)
    /// is registered as a singleton: tokens from its key, or from Entra ID when it says so.
    /// </summary>
    public static IServiceCollection AddCognitiveTokenProvider<TAccount>(this IServiceCollection services, string key, string httpClientName)
        where TAccount : CognitiveAccount
    {
        services.AddHttpClient(httpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddKeyedSingleton(key, (sp, _) =>
        {
            var account = sp.GetRequiredService<TAccount>();
            return new CognitiveTokenProvider(account, sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<CognitiveTokenProvider>(), account.UseEntraId ? sp.GetRequiredService<Lazy<TokenCredential>>().Value : null);
        });
        return services;
    }

    private static void AddAzureTranslator(IServiceCollection services)
    {
        services.AddRefitGeneratedClient<ITranslatorTextApi>(null, AzureTranslatorOptions.HttpClientName)
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<AzureTranslatorOptions>().BaseUri();
                http.Timeout = Timeout.InfiniteTimeSpan; // the caption chain bounds each engine's time
            })
            .AddHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<AzureTranslatorOptions>();
                return new TranslatorAuthHandler(options, options.UseEntraId ? sp.GetRequiredService<Lazy<TokenCredential>>().Value : null);
            })
            .AddResilienceHandler(AzureTranslatorOptions.HttpClientName, (pipeline, context) => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                // 408, 429 and 5xx; Retry-After is honoured when the service sends it.
                MaxRetryAttempts = Math.Max(1, context.ServiceProvider.GetRequiredService<AzureTranslatorOptions>().MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(400),
                ShouldRetryAfterHeader = true,
            }));
        services.AddKeyedSingleton<ICaptionTranslator>(AzureCaptionTranslator.EngineName, (sp, _) =>
            new AzureCaptionTranslator(sp.GetRequiredService<ITranslatorTextApi>(), sp.GetRequiredService<AzureTranslatorOptions>(), sp.GetRequiredService<EngineMetrics>()));
        services.AddSingleton<IEngineProbe>(sp => new EngineProbe(TranslatorKey, AzureCaptionTranslator.EngineName, async cancellationToken =>
        {
            var options = sp.GetRequiredService<AzureTranslatorOptions>();
            if (!options.HasCredentials)
            {
                return EngineHealth.NotConfigured("Translator:Azure needs Key (and Region for regional keys) or UseEntraId");
            }

            using var languages = await sp.GetRequiredService<ITranslatorTextApi>().LanguagesAsync(cancellationToken).ConfigureAwait(false);
            var characters = sp.GetRequiredService<EngineMetrics>().TotalCharacters;
            return languages.IsSuccessStatusCode
                ? EngineHealth.Ok($"reachable; {characters:N0} characters sent since start")
                : EngineHealth.Unavailable($"languages endpoint answered {(int?)languages.StatusCode}");
        }));
    }
}
