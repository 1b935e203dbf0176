using LiveAssist.Captions.Delivery;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Captions.ProductCards;
using LiveAssist.Review;
using LiveAssist.Speech;
using LiveAssist.Sessions;
using LiveAssist.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LiveAssist.Captions;

public static class CaptionsServiceCollectionExtensions
{
    /// <summary>Live captions: pipeline, compliance review, storage, fan-out, product cards, and start-up recovery of uncaptioned utterances.</summary>
    public static IServiceCollection AddLiveCaptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CaptionsOptions>().Bind(configuration.GetSection(CaptionsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new SqliteCaptionStore(sp.OpenDataFile("captions.db")));
        services.TryAddSingleton<ICaptionStore>(sp => sp.GetRequiredService<SqliteCaptionStore>());
        services.AddMetrics();
        services.AddSingleton<CaptionMetrics>();
        services.AddSingleton<CaptionHub>();
        services.AddSingleton<ProductCardPublisher>();
        services.AddSingleton<ISessionObserver>(sp => sp.GetRequiredService<ProductCardPublisher>());
        services.AddComplianceReview(configuration); // every final line is checked before its captions are published
        services.AddSingleton<CaptionPipeline>();
        services.AddSingleton<ISessionPreparer, SessionLanguagePreparer>();
        services.AddOptions<LiveAssist.Speech.Recognition.SpeechOptions>().Bind(configuration.GetSection(LiveAssist.Speech.Recognition.SpeechOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSpeechRecognition();
        services.AddHostedService<CaptionRecovery>();
        return services;
    }
}

/// <summary>At start-up, captions what a crash left uncaptioned, so exports end up complete.</summary>
internal sealed class CaptionRecovery(CaptionPipeline pipeline, ISessionStore sessions) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => pipeline.RecoverAsync(sessions, stoppingToken);
}
