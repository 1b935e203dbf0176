using System.Text.Json;
using LiveAssist.BotFramework.Hosting;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveAssist.DirectLine;

/// <summary>
/// Direct Line 3.0 under <c>/v3/directline</c>, close enough to the Azure service that the stock
/// botframework-directlinejs and Web Chat run against it unmodified (WebSocket and polling).
/// </summary>
public static class DirectLineEndpoints
{
    public const string CorsPolicy = "DirectLine";
    public const string BasePath = "/v3/directline";

    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(BasePath).RequireCors(CorsPolicy).DisableAntiforgery();
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", Reconnect);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapPost("/conversations/{conversationId}/upload", () => DirectLineErrors.Create(
            StatusCodes.Status501NotImplemented, "NotSupported", "File upload is not supported by this Direct Line."));
        group.Map("/conversations/{conversationId}/stream", DirectLineStream.AcceptAsync);
        return group;
    }

    private static async Task<IResult> GenerateTokenAsync(HttpRequest request, DirectLineService service, CancellationToken cancellationToken)
    {
        var (caller, error) = service.Authenticate(request.Headers.Authorization);
        if (error is not null)
        {
            return error;
        }

        if (!caller!.IsSecret)
        {
            return DirectLineErrors.SecretRequired();
        }

        var parameters = await ReadParametersAsync(request, cancellationToken).ConfigureAwait(false);
        var token = service.NewToken(DirectLineConversations.NewId(), parameters?.User?.Id, parameters?.User?.Name, parameters?.Locale);
        return Results.Json(new ConversationResponse(token.ConversationId, service.Issue(token), service.Lifetime));
    }

    private static IResult RefreshToken(HttpRequest request, DirectLineService service)
    {
        var (caller, error) = service.Authenticate(request.Headers.Authorization);
        if (error is not null)
        {
            return error;
        }

        if (caller!.Token is not { } old)
        {
            return DirectLineErrors.Create(400, "BadArgument", "Refresh needs a token, not the secret.");
        }

        var renewed = service.NewToken(old.ConversationId, old.UserId, old.UserName, old.Locale);
        return Results.Json(new ConversationResponse(renewed.ConversationId, service.Issue(renewed), service.Lifetime));
    }

    private static async Task<IResult> StartConversationAsync(HttpRequest request, DirectLineService service, CancellationToken cancellationToken)
    {
        var (caller, error) = service.Authenticate(request.Headers.Authorization);
        if (error is not null)
        {
            return error;
        }

        var parameters = await ReadParametersAsync(request, cancellationToken).ConfigureAwait(false);
        var (response, created) = await service.StartAsync(caller!, parameters?.User?.Id, parameters?.User?.Name, parameters?.Locale,
            request, cancellationToken).ConfigureAwait(false);
        return Results.Json(response, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static IResult Reconnect(string conversationId, string? watermark, HttpRequest request, DirectLineService service)
    {
        var (caller, error) = service.Authenticate(request.Headers.Authorization);
        if (error is not null)
        {
            return error;
        }

        if (!caller!.CanAccess(conversationId))
        {
            return DirectLineErrors.WrongConversation();
        }

        var conversation = service.Conversations.GetOrAdd(conversationId);
        var position = watermark is null ? conversation.Position : Watermark.Parse(watermark);
        var token = caller.Token ?? service.NewToken(conversationId, null, null, null);
        var issued = service.Issue(token);
        return Results.Json(new ConversationResponse(conversationId, issued, service.Lifetime, service.StreamUrl(request, conversationId, issued, position)));
    }

    private static async Task<IResult> PostActivityAsync(string conversationId, HttpRequest request, DirectLineService service, CancellationToken cancellationToken)
    {
        var (caller, error) = service.Authenticate(request.Headers.Authorization);
        if (error is not null)
        {
            return error;
        }

        if (!caller!.CanAccess(conversationId))
        {
            return DirectLineErrors.WrongConversation();
        }

        var (activity, readError) = await ActivityBodyReader.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            return readError;
        }

        return await service.PostAsync(caller, conversationId, activity!, cancellationToken).ConfigureAwait(false);
    }

    private static IResult GetActivities(string conversationId, string? watermark, HttpRequest request, DirectLineService service)
    {
        var (caller, error) = service.Authenticate(request.Headers.Authorization);
        if (error is not null)
        {
            return error;
        }

        if (!caller!.CanAccess(conversationId))
        {
            return DirectLineErrors.WrongConversation();
        }

        // Typing is only for live streams; a poller would see stale indicators.
        var (activities, position) = service.Conversations.GetOrAdd(conversationId).ReadAfter(Watermark.Parse(watermark), includeTyping: false);
        return Results.Json(new ActivitySet(activities, Watermark.Format(position)), ActivitySerializer.Options);
    }

    private static async Task<TokenParameters?> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 or > 16_384 || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<TokenParameters>(request.Body, ActivitySerializer.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null; // the body is optional; a bad one is treated as absent
        }
    }
}
