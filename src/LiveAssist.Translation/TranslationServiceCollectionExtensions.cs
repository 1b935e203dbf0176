using LiveAssist.EngineChains;
using LiveAssist.EngineChains.Health;
using LiveAssist.Translation.Offline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Translation;

public static partial class TranslationServiceCollectionExtensions
{
    /// <summary>Registers the offline engine (translation memory, glossary, CC-CEDICT) as the translator.</summary>
    public static IServiceCollection AddOfflineTranslation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TranslationOptions>().Bind(configuration.GetSection(TranslationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(_ => TranslationMemory.LoadPhrasebook());
        services.AddSingleton(_ => LivestreamPhrasebook.Load());
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<TranslationOptions>>().Value.CedictPath;
            var path = string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "dictionaries", "cc-cedict.js") : configured;
            var dictionary = ChineseDictionary.Load(path);
            var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("LiveAssist.Translation");
            if (dictionary.Words == 0)
            {
                LogNoDictionary(log, path);
            }
            else
            {
                LogDictionary(log, dictionary.Words);
            }

            return dictionary;
        });
        services.AddSingleton<OfflineTranslator>();
        services.AddSingleton<ITranslator, Chain.ChatTextTranslator>();
        services.AddOptions<TranslatorOptions>().Bind(configuration.GetSection(TranslatorOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Apertium>();
        services.AddKeyedSingleton<ICaptionTranslator, OfflineCaptionTranslator>(OfflineCaptionTranslator.EngineName);
        services.AddEngineChains();
        services.AddSingleton<Chain.CaptionTranslationChain>();
        services.AddSingleton<IEngineChain>(sp => sp.GetRequiredService<Chain.CaptionTranslationChain>().Engines);
        services.AddHostedService<DictionaryPreloader>();
        return services;
    }

    [LoggerMessage(1, LogLevel.Warning, "CC-CEDICT not found at {Path}: offline translation from Chinese uses the glossary and translation memory only")]
    private static partial void LogNoDictionary(ILogger logger, string path);

    [LoggerMessage(2, LogLevel.Information, "Offline translation: {Words} CC-CEDICT words")]
    private static partial void LogDictionary(ILogger logger, int words);
}

/// <summary>Reads the dictionary and warms the caption engine in the background at start-up, so no buyer's first turn or host's first line waits for it.</summary>
internal sealed class DictionaryPreloader(IServiceProvider services) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.Run(async () =>
        {
            services.GetRequiredService<ChineseDictionary>();
            var engine = services.GetRequiredKeyedService<ICaptionTranslator>(OfflineCaptionTranslator.EngineName);
            await engine.TranslateAsync(new CaptionTranslationRequest("这款一块八毛五一个，五百个起批。", "zh", ["en", "ar"], SessionTerms.Empty, IsPartial: true), stoppingToken).ConfigureAwait(false);
        }, stoppingToken);
}
