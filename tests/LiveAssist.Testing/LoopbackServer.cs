using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveAssist.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 with a free port, standing in for a service this machine cannot
/// reach (the Bot Framework login and OpenID endpoints, a channel's Connector). It records what it receives.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private WebApplication _app = null!;

    /// <summary>Known once the server has started; routes read it at request time.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <param name="record">False for load runs: requests are not kept.</param>
    /// <param name="port">0: any free port.</param>
    public static async Task<LoopbackServer> StartAsync(Action<IEndpointRouteBuilder, LoopbackServer> routes, bool record = true, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var server = new LoopbackServer { _app = app };
        app.Use(async (context, next) =>
        {
            if (!record)
            {
                await next(context);
                return;
            }

            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            server.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                // The raw target, so tests see exactly how ids were escaped on the wire.
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString(),
                context.Request.Headers.Authorization.ToString(),
                body,
                DateTimeOffset.UtcNow)
            {
                Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            });
            await next(context);
        });
        routes(app, server); // before start: endpoints added later are not routed
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/');
        return server;
    }

    /// <summary>Waits until a request matching <paramref name="match"/> has arrived.</summary>
    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var found = Requests.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No matching request within {timeout}. Seen: {string.Join(", ", Requests.Select(r => r.Method + " " + r.Path))}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record RecordedRequest(string Method, string Path, string Authorization, string Body, DateTimeOffset ReceivedAt)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
