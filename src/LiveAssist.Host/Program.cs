using LiveAssist.Host.Hosting;
using LiveAssist.Host.Teams;

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

builder.Services.AddLiveAssist(builder.Configuration);

var app = builder.Build();
app.UseLiveAssist();
app.Run();
return 0;

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
