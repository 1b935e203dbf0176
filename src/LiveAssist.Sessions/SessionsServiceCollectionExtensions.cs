using LiveAssist.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveAssist.Sessions;

public static class SessionsServiceCollectionExtensions
{
    public static IServiceCollection AddLiveSessions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SessionsOptions>().Bind(configuration.GetSection(SessionsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SqliteSessionStore(sp.OpenDataFile("sessions.db")));
        services.TryAddSingleton<ISessionStore>(sp => sp.GetRequiredService<SqliteSessionStore>());
        services.TryAddSingleton<LiveSessionEditor>();
        services.TryAddSingleton<ProductOnScreen>();
        return services;
    }
}
