using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace LiveAssist.Catalog.Client;

public static class CatalogClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Refit catalog client with timeouts, jittered retries and a circuit breaker, so a slow or dead
    /// catalog fails fast (the bot then hands the question to the merchant) instead of hanging a buyer's turn.
    /// <paramref name="defaultBaseUrl"/> supplies the embedded catalog's URL when <c>Catalog:BaseUrl</c> is empty.
    /// </summary>
    public static IServiceCollection AddCatalogClient(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> defaultBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(defaultBaseUrl);
        services.AddOptions<CatalogClientOptions>().Bind(configuration.GetSection(CatalogClientOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        // Source-generated client: Refit 16 keeps reflection-built clients in a separate package.
        services.AddRefitGeneratedClient<ICatalogApi>(new RefitSettings(new SystemTextJsonContentSerializer(CatalogJson.Options)), CatalogClientOptions.HttpClientName)
            .ConfigureHttpClient((sp, http) =>
            {
                var configured = sp.GetRequiredService<IOptions<CatalogClientOptions>>().Value.BaseUrl;
                http.BaseAddress = new Uri((string.IsNullOrWhiteSpace(configured) ? defaultBaseUrl(sp) : configured).TrimEnd('/'));
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns time
            })
            .AddResilienceHandler("catalog", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<CatalogClientOptions>>().Value;
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds));
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(100),
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 8,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
            });
        return services;
    }
}
