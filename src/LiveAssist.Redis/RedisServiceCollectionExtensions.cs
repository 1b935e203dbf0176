using LiveAssist.BotFramework.State;
using LiveAssist.BuyerQa.Handoff;
using LiveAssist.BuyerQa.Leads;
using LiveAssist.Captions.Delivery;
using LiveAssist.Captions.Pipeline;
using LiveAssist.DirectLine;
using LiveAssist.Operator;
using LiveAssist.Operator.Accounts;
using LiveAssist.Review;
using LiveAssist.Sessions;
using LiveAssist.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveAssist.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>True when <c>Redis:Configuration</c> names a Redis: several hosts serve the same lives.</summary>
    public static bool IsRedisConfigured(this IConfiguration configuration)
        => !string.IsNullOrWhiteSpace(configuration?[$"{RedisOptions.SectionName}:{nameof(RedisOptions.Configuration)}"]);

    /// <summary>
    /// Sessions, captions (store, fan-out, replay), Direct Line conversations, the merchant's handoff queue and leads, presenter lines made once, bot state and the shared rate-limit budgets in
    /// Redis, behind the seams the single-machine defaults use; those stay each host's local log and its fallback while Redis
    /// is away. Call after the capabilities it replaces are added.
    /// </summary>
    public static IServiceCollection AddRedisScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton(sp => new RedisOutbox(sp.OpenDataFile("redis-outbox.db")));
        services.TryAddSingleton<RedisHealth>();
        services.TryAddSingleton<RedisRateLimiters>();

        services.Replace(ServiceDescriptor.Singleton<ISessionStore, RedisSessionStore>());
        services.Replace(ServiceDescriptor.Singleton<ICaptionStore, RedisCaptionStore>());
        services.Replace(ServiceDescriptor.Singleton<ICaptionBackplane, RedisCaptionBackplane>());
        services.AddHostedService<RedisOutboxFlusher>();
        services.TryAddSingleton<RedisCaptionRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisCaptionRelay>());

        services.Replace(ServiceDescriptor.Singleton<IMadeOnceStore, RedisMadeOnceStore>());
        services.Replace(ServiceDescriptor.Singleton<IHandoffQueue, RedisHandoffQueue>());
        services.Replace(ServiceDescriptor.Singleton<ILeadStore, RedisLeadStore>());
        services.Replace(ServiceDescriptor.Singleton<IReplyReviewLog, RedisReplyReviewLog>());
        services.Replace(ServiceDescriptor.Singleton<IDirectLineLog, RedisDirectLineLog>());
        services.AddHostedService<RedisDirectLineRelay>();
        Wrap<DirectLineSecret>(services, (sp, local) => SharedSecret(sp, local));
        Wrap<IStateStore>(services, (sp, local) => new RedisStateStore(sp.GetRequiredService<RedisConnection>(), local,
            TimeSpan.FromDays(sp.GetRequiredService<IOptions<StorageOptions>>().Value.StateRetentionDays), sp.GetRequiredService<RedisOutbox>()));

        // One sign-in and one Data Protection key ring for all hosts: studio cookies and "show host key" work on any host.
        Wrap<IOperatorSessions>(services, (sp, local) => new RedisOperatorSessions(sp.GetRequiredService<RedisConnection>(), local,
            TimeSpan.FromMinutes(Math.Max(sp.GetRequiredService<IOptions<OperatorOptions>>().Value.SessionMinutes, 60) * 2), sp.GetRequiredService<RedisOutbox>()));
        services.AddSingleton<IPostConfigureOptions<KeyManagementOptions>>(sp => new PostConfigureOptions<KeyManagementOptions>(Options.DefaultName, o =>
            o.XmlRepository = new RedisKeyRing(sp.GetRequiredService<RedisConnection>(),
                o.XmlRepository ?? throw new InvalidOperationException("The host's Data Protection key directory must be set before Redis scale-out."))));

        // What an outage kept on this host, written to Redis when it is back.
        services.AddSingleton<IOutboxWriter>(sp => (RedisDirectLineLog)sp.GetRequiredService<IDirectLineLog>());
        services.AddSingleton<IOutboxWriter>(sp => (RedisStateStore)sp.GetRequiredService<IStateStore>());
        services.AddSingleton<IOutboxWriter>(sp => (RedisReplyReviewLog)sp.GetRequiredService<IReplyReviewLog>());
        services.AddSingleton<IOutboxWriter>(sp => (RedisOperatorSessions)sp.GetRequiredService<IOperatorSessions>());
        return services;
    }

    // A configured secret is used as is; a generated one is shared: the first host's goes to Redis and every host uses it,
    // so a token issued on one host is good on all. While Redis is away at start, this host's own file serves.
    private static DirectLineSecret SharedSecret(IServiceProvider services, DirectLineSecret local)
    {
        if (!string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<DirectLineOptions>>().Value.Secret))
        {
            return local;
        }

        var redis = services.GetRequiredService<RedisConnection>();
        try
        {
            var key = redis.Key("directline:secret");
            redis.Database.StringSet(key, local.Value, when: When.NotExists);
            return new DirectLineSecret(redis.Database.StringGet(key).ToString());
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return local;
        }
    }

    /// <summary>Replaces the registration of <typeparamref name="T"/> with one built over it (the single-machine one stays inside).</summary>
    private static void Wrap<T>(IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} must be added before Redis scale-out.");
        services.Replace(ServiceDescriptor.Singleton(sp => wrap(sp, Create<T>(inner, sp))));
    }

    private static T Create<T>(ServiceDescriptor descriptor, IServiceProvider services)
        where T : class
        => (T)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
