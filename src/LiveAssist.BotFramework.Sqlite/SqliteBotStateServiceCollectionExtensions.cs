using LiveAssist.BotFramework.Authentication;
using LiveAssist.BotFramework.State;
using LiveAssist.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveAssist.BotFramework.Sqlite;

public static class SqliteBotStateServiceCollectionExtensions
{
    /// <summary>Bot state and trusted service URLs in <c>state.db</c> (needs <c>AddSqliteStorage</c>); a store registered before wins.</summary>
    public static IServiceCollection AddSqliteBotState(this IServiceCollection services)
    {
        services.TryAddSingleton<IStateStore>(sp => new SqliteStateStore(sp.OpenDataFile("state.db"),
            sp.GetService<TimeProvider>() ?? TimeProvider.System, TimeSpan.FromDays(sp.GetRequiredService<IOptions<StorageOptions>>().Value.StateRetentionDays)));
        services.TryAddSingleton<ITrustedServiceUrlStore>(sp => new SqliteTrustedServiceUrlStore(sp.OpenDataFile("state.db")));
        return services;
    }
}
