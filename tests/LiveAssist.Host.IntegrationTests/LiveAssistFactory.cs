using LiveAssist.Catalog.Client;
using LiveAssist.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Host.IntegrationTests;

/// <summary>The host in memory, with its own data directory and any settings a test needs.</summary>
public sealed class LiveAssistFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public LiveAssistFactory(IDictionary<string, string?>? settings = null, string? dataDirectory = null, Action<IServiceCollection>? services = null)
    {
        DataDirectory = dataDirectory ?? RepoPaths.NewTempDirectory("liveassist-test");
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Locales:Directory"] = RepoPaths.Locales,
            ["Dialogs:Directory"] = RepoPaths.Dialogs,
            ["Dialogs:ReviewDirectory"] = RepoPaths.Review,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value; // a test's own content folders win over the shipped ones
        }
        _services = services;
    }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // In memory there is no port: the bot reaches the embedded catalog through the test server itself.
        if (!_settings.ContainsKey("Catalog:BaseUrl"))
        {
            builder.ConfigureTestServices(services => services.AddHttpClient(CatalogClientOptions.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<IServer>() is TestServer server ? server.CreateHandler() : new SocketsHttpHandler()));
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services); // after the app's own registrations, so a test can replace them
        }
    }
}
