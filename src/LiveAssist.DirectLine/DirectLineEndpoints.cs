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

        var (parameters, bad) = await ReadParametersAsync(request, cancellationToken).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

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

        if (service.Refresh(old) is not { } renewed)
        {
            return DirectLineErrors.Create(403, "TokenExpired", "This conversation is too old to refresh its token; start a new conversation.");
        }

        return Results.Json(new ConversationResponse(renewed.ConversationId, service.Issue(renewed), service.Lifetime));
    }

    private static async Task<IResult> StartConversationAsync(HttpRequest request, DirectLineService service, CancellationToken cancellationToken)
    {
        var (caller, error) = service.Authenticate(request.Headers.Authorization);
        if (error is not null)
        {
            return error;
        }

        var (parameters, bad) = await ReadParametersAsync(request, cancellationToken).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

        if (!service.HasRoomFor(caller!.Token?.ConversationId ?? string.Empty))
        {
            return DirectLineErrors.Create(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "Too many conversations are open; try again in a few minutes.");
        }

        var (response, created) = await service.StartAsync(caller!, parameters?.User?.Id, parameters?.User?.Name, parameters?.Locale,
            request, cancellationToken).ConfigureAwait(false);
        return Results.Json(response, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> Reconnect(string conversationId, string? watermark, HttpRequest request, DirectLineService service, CancellationToken cancellationToken)
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
        var position = watermark is null ? await conversation.PositionAsync(cancellationToken).ConfigureAwait(false) : Watermark.Parse(watermark);
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

    private static async Task<IResult> GetActivities(string conversationId, string? watermark, HttpRequest request, DirectLineService service, CancellationToken cancellationToken)
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
        var (activities, position) = await service.Conversations.GetOrAdd(conversationId).ReadAfterAsync(Watermark.Parse(watermark), includeTyping: false, cancellationToken)
            .ConfigureAwait(false);
        return Results.Json(new ActivitySet(activities, Watermark.Format(position)), ActivitySerializer.Options);
    }

    private const int MaxParameterBytes = 16_384;
    private const int MaxUserFieldChars = 256;

    // The body is optional and a bad one is treated as absent, but a big one is refused: it is read with a
    // budget, so a chunked body (no Content-Length) cannot be larger than a declared one.
    private static async Task<(TokenParameters? Parameters, IResult? Error)> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxParameterBytes)
        {
            return (null, ParametersTooLarge());
        }

        if (request.ContentLength is 0 || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, null);
        }

        var buffer = new byte[MaxParameterBytes + 1];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length > MaxParameterBytes)
        {
            return (null, ParametersTooLarge());
        }

        TokenParameters? parameters;
        try
        {
            parameters = JsonSerializer.Deserialize<TokenParameters>(buffer.AsSpan(0, length), ActivitySerializer.Options);
        }
        catch (JsonException)
        {
            return (null, null);
        }

        if (parameters?.User?.Id?.Length > MaxUserFieldChars || parameters?.User?.Name?.Length > MaxUserFieldChars || parameters?.Locale?.Length > 64)
        {
            return (null, DirectLineErrors.Create(400, "BadArgument", $"User id and name may have at most {MaxUserFieldChars} characters, the locale 64."));
        }

        return (parameters, null);
    }

    private static IResult ParametersTooLarge()
        => DirectLineErrors.Create(StatusCodes.Status413PayloadTooLarge, "BadArgument", $"The body may be at most {MaxParameterBytes} bytes.");
}
