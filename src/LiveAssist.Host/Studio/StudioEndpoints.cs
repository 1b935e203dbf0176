using LiveAssist.BuyerQa;
using LiveAssist.Sessions;
using LiveAssist.Sessions.Access;
using Microsoft.Extensions.Options;
using QRCoder;

namespace LiveAssist.Host.Studio;

/// <summary>
/// What the studio page (<c>/</c>) needs beside the session API: where buyers reach this host, and the buyer
/// chat link of a live as a QR code a merchant can put on screen or print.
/// </summary>
internal static class StudioEndpoints
{
    public static IEndpointRouteBuilder MapStudio(this IEndpointRouteBuilder app, SessionRoutes routes, string rateLimitPolicy)
    {
        app.MapGet("/api/studio/settings", Settings).RequireAuthorization(StudioPolicies.Viewer);
        routes.Public.MapGet("/chat-qr.png", ChatQrAsync).RequireRateLimiting(rateLimitPolicy);
        return app;
    }

    private static IResult Settings(HttpRequest request, IOptions<BuyerQaOptions> buyerQa, IOptions<SessionsOptions> sessions)
    {
        var buyerBase = BuyerBaseUrl(request, buyerQa.Value);
        return Results.Json(new
        {
            buyerBaseUrl = buyerBase,
            // Buyers abroad cannot open 127.0.0.1: the studio says so next to every buyer link.
            buyerLinksAreLocal = Uri.TryCreate(buyerBase, UriKind.Absolute, out var uri) && uri.IsLoopback,
            supportedLanguages = sessions.Value.SupportedLanguages.Where(l => l != "zh"),
            maxGlossaryEntries = sessions.Value.MaxGlossaryEntries,
            maxScriptLines = sessions.Value.MaxScriptLines,
        });
    }

    /// <summary>The buyer chat link of one caption language of a live, as a PNG QR code (public, like the link itself).</summary>
    private static async Task<IResult> ChatQrAsync(string id, string? lang, HttpRequest request, ISessionStore store, IOptions<BuyerQaOptions> buyerQa, CancellationToken cancellationToken)
    {
        var session = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Results.Problem("没有这个编号的直播。There is no live session with this id.", statusCode: 404, title: "找不到这场直播 Unknown session");
        }

        var language = (lang ?? string.Empty).Trim().ToLowerInvariant();
        if (!session.TargetLanguages.Select(LiveSession.Primary).Contains(language, StringComparer.Ordinal))
        {
            return Results.Problem("这场直播没有这种字幕语言。This live has no such caption language.", statusCode: 404, title: "没有这种语言 Unknown language");
        }

        var link = $"{BuyerBaseUrl(request, buyerQa.Value)}/chat?session={Uri.EscapeDataString(session.Id)}&lang={language}";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return Results.File(png, "image/png");
    }

    private static string BuyerBaseUrl(HttpRequest request, BuyerQaOptions options)
        => options.PublicBaseUrl is { } configured ? configured.ToString().TrimEnd('/') : $"{request.Scheme}://{request.Host}";
}
