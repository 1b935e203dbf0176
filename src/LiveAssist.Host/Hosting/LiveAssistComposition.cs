using LiveAssist.BotFramework;
using LiveAssist.BotFramework.Sqlite;
using LiveAssist.BotFramework.Hosting;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BuyerQa;
using LiveAssist.Captions;
using LiveAssist.Captions.Audio;
using LiveAssist.Captions.Delivery;
using LiveAssist.Translation;
using LiveAssist.BuyerQa.Handoff;
using LiveAssist.Sessions;
using LiveAssist.Catalog.Client;
using LiveAssist.Catalog.Service;
using LiveAssist.DirectLine;
using LiveAssist.Dialogs.Locales;
using LiveAssist.Engines;
using LiveAssist.Engines.Azure.Speech;
using LiveAssist.Engines.Settings;
using LiveAssist.Host.Bot;
using LiveAssist.Host.Chat;
using LiveAssist.Host.Hosting.Health;
using LiveAssist.Host.Security;
using LiveAssist.Host.Studio;
using LiveAssist.Operator;
using LiveAssist.Operator.Endpoints;
using LiveAssist.Presenter;
using LiveAssist.Presenter.Delivery;
using LiveAssist.Redis;
using LiveAssist.ServiceDefaults;
using LiveAssist.ShopCatalog;
using LiveAssist.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveAssist.Host.Hosting;

/// <summary>The composition root: one <c>AddXxx</c> per capability, and the request pipeline.</summary>
internal static partial class LiveAssistComposition
{
    public static IServiceCollection AddLiveAssist(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        // First, so OpenTelemetry's listener starts before any capability's hosted service can create its meters:
        // a meter made while the listener was starting was missed, and its metrics never reached /metrics.
        services.AddTelemetryDefaults(configuration);
        services.AddSqliteStorage(configuration);
        services.AddSqliteBotState();
        services.AddLocaleTexts(configuration);
        services.AddEmbeddedCatalog(configuration);
        services.AddCatalogClient(configuration, sp => SelfAddress.Resolve(sp) + CatalogEndpoints.BasePath);
        if (string.IsNullOrWhiteSpace(configuration[$"{CatalogClientOptions.SectionName}:BaseUrl"]))
        {
            // The catalog lives in this process: ask it directly, not through a loopback HTTP round trip.
            services.UseEmbeddedCatalogDirectly();
        }
        services.AddShopCatalog(configuration, sp => sp.GetRequiredService<CatalogApiKey>().Value);
        services.AddLiveSessions(configuration);
        services.AddBotFramework(configuration);
        services.AddEmbeddedDirectLine(configuration, sp => sp.DataFilePath("directline.secret"));
        services.AddBotConnectorChannel(); // last: the Connector takes every serviceUrl no in-process channel claims
        services.AddOfflineTranslation(configuration);
        services.AddLiveCaptions(configuration);
        services.AddCloudEngines(configuration);
        services.AddPresenter(configuration);
        services.AddBuyerQa(configuration);
        services.AddOperator(configuration);
        services.AddOperatorConsole();
        if (string.Equals(configuration.GetSection(BotOptions.SectionName).Get<BotOptions>()?.Handler, "echo", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IBot, EchoBot>(); // registered last, so it answers instead of the buyer bot
        }

        services.AddSingleton<ITurnErrorHandler, LocalizedTurnErrorHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<LiveAssist.BotFramework.Pipeline.IMiddleware, TurnBudgetMiddleware>());
        services.AddPublicRateLimits(configuration);
        services.AddRequestSecurity(configuration);
        if (configuration.IsRedisConfigured())
        {
            services.AddRedisScaleOut(configuration); // last: it replaces the single-machine stores registered above
        }

        services.AddHostHealthChecks(redis: configuration.IsRedisConfigured());

        return services;
    }

    public static WebApplication UseLiveAssist(this WebApplication app)
    {
        var bot = app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        if (bot.IsAuthenticationDisabled)
        {
            LogAuthDisabled(app.Logger);
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestSecurity();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthDefaults();
        app.MapMetrics();
        app.MapBotMessages();
        app.MapDirectLine().RequireRateLimiting(PublicRateLimits.DirectLinePolicy);
        app.MapChatToken();
        app.MapCatalogApi();
        // Every /api/sessions endpoint through one route tree; host-only ones behind StudioPolicies.SessionHost.
        var sessions = SessionRoutes.Map(app);
        sessions.MapSessions(PublicRateLimits.Policy);
        sessions.MapCaptions(PublicRateLimits.CaptionsPolicy);
        sessions.MapReview();
        sessions.MapAudio();
        sessions.MapPresenter(PublicRateLimits.CaptionsPolicy);
        app.MapPresenterSettings(sessions, PublicRateLimits.CaptionsPolicy);
        sessions.MapAvatarRelay(PublicRateLimits.Policy);
        sessions.MapSpeechToken();
        sessions.MapBuyerQa();
        app.MapOperator(PublicRateLimits.SignInPolicy);
        app.MapOperatorConsole();
        app.MapEngineSettings();
        app.MapAccount(PublicRateLimits.SignInPolicy);
        app.MapStudio(sessions, PublicRateLimits.CaptionsPolicy);
        app.MapShopCatalog(PublicRateLimits.CaptionsPolicy);
        app.MapGet("/operator", () => Results.File(Path.Combine(app.Environment.WebRootPath, "operator.html"), "text/html; charset=utf-8"));
        app.MapGet("/overlay/{id}", () => Results.File(Path.Combine(app.Environment.WebRootPath, "overlay.html"), "text/html; charset=utf-8"));
        app.MapGet("/avatar/{id}", () => Results.File(Path.Combine(app.Environment.WebRootPath, "avatar.html"), "text/html; charset=utf-8"));
        app.MapGet("/host/{id}", () => Results.File(Path.Combine(app.Environment.WebRootPath, "host.html"), "text/html; charset=utf-8"));
        app.MapOpenApi(CatalogEndpoints.BasePath + "/{documentName}.json");
        app.MapGet(CatalogEndpoints.BasePath + "/docs", () => Results.File(Path.Combine(app.Environment.WebRootPath, "catalog-docs.html"), "text/html; charset=utf-8"));
        app.MapGet("/chat", () => Results.File(Path.Combine(app.Environment.WebRootPath, "chat.html"), "text/html; charset=utf-8"));
        return app;
    }

    [LoggerMessage(1, LogLevel.Critical,
        "NO MicrosoftAppId IS CONFIGURED: /api/messages accepts UNAUTHENTICATED requests and replies only to loopback serviceUrls. "
        + "This is for local development only; set MicrosoftAppId and MicrosoftAppPassword before exposing the bot.")]
    private static partial void LogAuthDisabled(ILogger logger);
}
