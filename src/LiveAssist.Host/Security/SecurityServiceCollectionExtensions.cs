namespace LiveAssist.Host.Security;

/// <summary>Security headers, the operator CSRF check, one request body budget and 4xx (not 500) for unreadable requests.</summary>
internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddRequestSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DataFileExceptionHandler>();

        // A background loop of one capability that fails (a damaged captions.db at recovery) must not stop the host.
        services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);

        // Minimal APIs throw on unreadable bodies in Development; answer 400 there too, as in Production.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        return services;
    }

    public static IApplicationBuilder UseRequestSecurity(this IApplicationBuilder app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<OperatorOriginCheck>();
        return app;
    }
}
