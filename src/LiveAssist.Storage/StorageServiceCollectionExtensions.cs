using LiveAssist.BotFramework.Authentication;
using LiveAssist.BotFramework.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveAssist.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds SQLite-backed bot state under <c>Storage:DataDirectory</c>.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<DataFiles>();
        services.TryAddSingleton<IStateStore>(sp => new SqliteStateStore(sp.OpenDataFile("state.db"),
            sp.GetService<TimeProvider>() ?? TimeProvider.System, TimeSpan.FromDays(sp.GetRequiredService<IOptions<StorageOptions>>().Value.StateRetentionDays)));
        services.TryAddSingleton<ITrustedServiceUrlStore>(sp => new SqliteTrustedServiceUrlStore(sp.OpenDataFile("state.db")));
        return services;
    }
}
