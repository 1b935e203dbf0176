using LiveAssist.Dialogs.Content;
using LiveAssist.Operator.Endpoints;
using LiveAssist.Operator.Texts;
using LiveAssist.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveAssist.Operator;

/// <summary>
/// The operator page's own parts beside sign-in (<see cref="OperatorAuthentication"/>): the side-by-side texts
/// with their out-of-date marks, the sign-in help and the bootstrap notice at start (the engine settings sit with
/// the engines' composition: <c>LiveAssist.Engines</c>).
/// </summary>
public static class OperatorConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new TextReviewMarks(sp.OpenDataFile("operator.db"), sp, sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IContentChangeObserver, TextReviewMarks>(sp => sp.GetRequiredService<TextReviewMarks>()));
        services.AddHostedService<BootstrapAccountNotice>();
        return services;
    }

    public static IEndpointRouteBuilder MapOperatorConsole(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/operator/sign-in-help", (IServiceProvider services) => Results.Ok(SignInHelp.For(services)));
        app.MapOperatorTexts();
        return app;
    }
}
