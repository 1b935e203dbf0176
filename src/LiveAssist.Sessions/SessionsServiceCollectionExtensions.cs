using LiveAssist.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveAssist.Sessions;

public static class SessionsServiceCollectionExtensions
{
    public static IServiceCollection AddLiveSessions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SessionsOptions>().Bind(configuration.GetSection(SessionsOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SessionStore(new SqliteDatabase(SqliteDatabase.PathFor(
            sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<IHostEnvironment>(), "sessions.db"))));
        return services;
    }
}
