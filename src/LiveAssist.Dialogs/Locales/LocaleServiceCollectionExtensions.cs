using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveAssist.Dialogs.Locales;

public static class LocaleServiceCollectionExtensions
{
    /// <summary>Loads the bot's texts from <c>Locales:Directory</c> at startup; the dialog content store keeps them current.</summary>
    public static IServiceCollection AddLocaleTexts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocaleOptions>().Bind(configuration.GetSection(LocaleOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LocaleOptions>>().Value;
            var directory = Path.IsPathRooted(options.Directory)
                ? options.Directory
                : Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, options.Directory);
            return LocaleTexts.LoadUsable(directory, options.FallbackOrder);
        });
        return services;
    }
}
