using LiveAssist.Host.Hosting;
using LiveAssist.Host.Teams;
using LiveAssist.Engines.Settings;

if (HostCommands.TryRun(args, RepositoryLayout.FindContentRoot(), out var exitCode))
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = RepositoryLayout.FindContentRoot(),
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls(ListenDefaults.Urls);
}

// The operator page's saved engine settings, laid over everything else (keys encrypted in the data directory).
builder.Configuration.AddEngineSettings(builder.Environment);
builder.Services.AddLiveAssist(builder.Configuration);

var app = builder.Build();
app.UseLiveAssist();
app.Run();
return 0;

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
