using LiveAssist.BotFramework.Authentication;
using LiveAssist.BotFramework.Connector;
using LiveAssist.BotFramework.Hosting;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace LiveAssist.BotFramework;

/// <summary>Registers the Bot Framework protocol: auth, the turn pipeline and the Connector client.</summary>
public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// Adds the protocol layer. The caller registers its <see cref="IBot"/>, an <see cref="IStateStore"/>
    /// and any extra <see cref="IMiddleware"/>; state middleware always runs first.
    /// </summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotFrameworkOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OpenIdKeyCache>();
        services.TryAddSingleton<TrustedServiceUrls>();
        services.TryAddSingleton<BotFrameworkAuthenticator>();
        services.TryAddSingleton<IBotTokenProvider, ClientCredentialsTokenProvider>();
        services.TryAddSingleton<ConnectorChannel>();
        services.TryAddSingleton<OutboundChannels>();
        services.TryAddSingleton<BotAdapter>();
        services.AddOptions<TurnQueueOptions>().Bind(configuration.GetSection(TurnQueueOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<TurnQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnQueue>());
        services.TryAddSingleton<ProactiveMessenger>();
        services.TryAddSingleton<ITurnErrorHandler, ResetStateOnErrorHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMiddleware, StateMiddleware>());
        services.TryAddTransient<BotAuthorizationHandler>();

        services.AddHttpClient(OpenIdKeyCache.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(ClientCredentialsTokenProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(ConnectorChannel.HttpClientName)
            // The serviceUrl check covers the address asked for; a redirect would carry the bot's token elsewhere.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddHttpMessageHandler<BotAuthorizationHandler>()
            .AddResilienceHandler("connector", pipeline =>
            {
                // Channels throttle with 429 + Retry-After (seconds); Teams also asks to retry 412/502/504.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    MaxDelay = TimeSpan.FromSeconds(20),
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Exception is HttpRequestException or TimeoutException
                        || args.Outcome.Result?.StatusCode is System.Net.HttpStatusCode.TooManyRequests
                            or System.Net.HttpStatusCode.PreconditionFailed
                            or System.Net.HttpStatusCode.RequestTimeout
                        || (int?)args.Outcome.Result?.StatusCode >= 500),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(30));
            });

        // The Connector is the fallback outbound channel, so it is registered last by the host.
        return services;
    }

    /// <summary>Adds the Connector as the outbound channel of last resort. Call after in-process channels are added.</summary>
    public static IServiceCollection AddBotConnectorChannel(this IServiceCollection services)
    {
        services.AddSingleton<IOutboundChannel>(sp => sp.GetRequiredService<ConnectorChannel>());
        return services;
    }
}
