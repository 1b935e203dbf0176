using LiveAssist.BotFramework.Pipeline;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveAssist.DirectLine;

public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the embedded Direct Line channel. <paramref name="secretFile"/> says where a generated
    /// secret is kept when none is configured.
    /// </summary>
    public static IServiceCollection AddEmbeddedDirectLine(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> secretFile)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(secretFile);
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => DirectLineSecret.FromConfigOrFile(sp.GetRequiredService<IOptions<DirectLineOptions>>().Value.Secret, secretFile(sp)));
        services.TryAddSingleton<DirectLineTokenService>();
        services.TryAddSingleton<DirectLineConversations>();
        services.TryAddSingleton<DirectLineService>();
        services.TryAddSingleton<DirectLineChannel>();
        services.AddSingleton<IOutboundChannel>(sp => sp.GetRequiredService<DirectLineChannel>());
        services.AddHostedService<DirectLineJanitor>();
        services.AddCors();
        services.AddSingleton<IConfigureOptions<CorsOptions>, ConfigureDirectLineCors>();
        return services;
    }

    private sealed class ConfigureDirectLineCors(IOptions<DirectLineOptions> options, IHostEnvironment environment) : IConfigureOptions<CorsOptions>
    {
        public void Configure(CorsOptions cors) => cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy =>
        {
            var origins = options.Value.AllowedOrigins;
            if (origins.Count == 0 && environment.IsDevelopment())
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. origins]);
            }

            policy.AllowAnyHeader().AllowAnyMethod();
        });
    }
}
