using LiveAssist.BotFramework.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveAssist.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds SQLite-backed bot state under <c>Storage:DataDirectory</c>.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IStateStore>(sp => new SqliteStateStore(sp.OpenDataFile("state.db")));
        return services;
    }
}
