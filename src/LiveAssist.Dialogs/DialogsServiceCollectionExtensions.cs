using LiveAssist.Dialogs.Content;
using LiveAssist.Dialogs.Flows;
using LiveAssist.Dialogs.Locales;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveAssist.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>
    /// Flows from <c>Dialogs:Directory</c> and texts from <c>Locales:Directory</c>, validated together, hot-reloaded,
    /// and the runner that executes them. Operations, answer kinds, cards and intents are registered by the capabilities that own them.
    /// </summary>
    public static IServiceCollection AddDialogFlows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLocaleTexts(configuration);
        services.AddOptions<DialogOptions>().Bind(configuration.GetSection(DialogOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ContentLog>();
        services.TryAddSingleton(sp =>
        {
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            var dialogs = sp.GetRequiredService<IOptions<DialogOptions>>().Value;
            return new ContentFiles(
                Path.Combine(root, dialogs.Directory),
                Path.Combine(root, sp.GetRequiredService<IOptions<LocaleOptions>>().Value.Directory),
                Path.Combine(root, dialogs.ReviewDirectory));
        });
        services.TryAddSingleton<FlowRunner>();
        services.TryAddSingleton(sp => new DialogContentBuilder(
            sp.GetRequiredService<FlowRunner>().Capabilities(sp.GetServices<FlowIntents>().SelectMany(i => i.Names)),
            sp.GetRequiredService<IOptions<LocaleOptions>>().Value.FallbackOrder,
            sp.GetServices<IContentPackReader>()));
        services.TryAddSingleton<DialogContentStore>();
        services.AddHostedService<ContentWatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFlowAnswerRecognizer, TextAnswer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFlowAnswerRecognizer, YesNoAnswer>());
        return services;
    }
}
