using LiveAssist.Captions.Delivery;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Sessions;
using LiveAssist.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveAssist.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>True when <c>Redis:Configuration</c> names a Redis: several hosts serve the same lives.</summary>
    public static bool IsRedisConfigured(this IConfiguration configuration)
        => !string.IsNullOrWhiteSpace(configuration?[$"{RedisOptions.SectionName}:{nameof(RedisOptions.Configuration)}"]);

    /// <summary>
    /// Sessions and captions (store, fan-out, replay) in Redis, behind the same seams as the SQLite defaults, which stay
    /// each host's local log. Call after the capabilities it replaces are added.
    /// </summary>
    public static IServiceCollection AddRedisScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton(sp => new RedisOutbox(sp.OpenDataFile("redis-outbox.db")));
        services.TryAddSingleton<RedisHealth>();
        services.Replace(ServiceDescriptor.Singleton<ISessionStore, RedisSessionStore>());
        services.Replace(ServiceDescriptor.Singleton<ICaptionStore, RedisCaptionStore>());
        services.Replace(ServiceDescriptor.Singleton<ICaptionBackplane, RedisCaptionBackplane>());
        services.AddHostedService<RedisOutboxFlusher>();
        services.AddHostedService<RedisCaptionRelay>();
        return services;
    }
}
