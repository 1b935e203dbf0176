using LiveAssist.BotFramework.Authentication;
using LiveAssist.BotFramework.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveAssist.BotFramework.Hosting;

/// <summary>The <c>POST /api/messages</c> endpoint that Azure Bot Service, Teams and the Emulator call.</summary>
public static class BotMessagesEndpoint
{
    public static RouteHandlerBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(pattern, HandleAsync).DisableAntiforgery();
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        BotFrameworkAuthenticator authenticator,
        BotAdapter adapter,
        TurnQueue queue,
        CancellationToken cancellationToken)
    {
        var (activity, error) = await ActivityBodyReader.ReadAsync(request, cancellationToken, acceptUnknownTypes: true).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(activity!.Conversation?.Id))
        {
            return ActivityBodyReader.Problem(StatusCodes.Status400BadRequest, "Missing conversation",
                "Every activity needs 'conversation.id'.");
        }

        // Replies go to the serviceUrl, so only a web address may come from outside: an in-process channel's
        // address (urn:liveassist:directline/) would let a caller write into that channel's conversations.
        if (!IsWebAddress(activity.ServiceUrl))
        {
            return ActivityBodyReader.Problem(StatusCodes.Status400BadRequest, "Bad serviceUrl",
                "'serviceUrl' must be an absolute http or https URL.");
        }

        if (string.IsNullOrEmpty(activity.ServiceUrl) && activity.DeliveryMode != "expectReplies")
        {
            return ActivityBodyReader.Problem(StatusCodes.Status400BadRequest, "Missing serviceUrl",
                "Every activity needs 'serviceUrl' (where replies go), unless 'deliveryMode' is 'expectReplies'.");
        }

        var auth = await authenticator.AuthenticateAsync(request.Headers.Authorization, activity, cancellationToken).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            // No details: a forger learns nothing about which check failed.
            return auth.StatusCode == StatusCodes.Status403Forbidden
                ? ActivityBodyReader.Problem(403, "Forbidden", "The token does not allow this activity.")
                : ActivityBodyReader.Problem(401, "Unauthorized", "A valid Bot Framework token is required.");
        }

        // A type this bot does not know (a newer channel feature): acknowledged with 200 and no body, as the SDK does.
        if (!LiveAssist.BotFramework.Schema.ActivityTypes.IsKnown(activity.Type))
        {
            return Results.Ok();
        }

        if (TurnQueue.MayQueue(activity))
        {
            // Answered later through the connector, as the Agents SDK does: the channel is not kept waiting for the bot.
            // 200 with no body (not the SDK's 202): the contract promises 200, and channels take either.
            return queue.TryEnqueue(activity) ? Results.Ok() : Busy();
        }

        var result = await adapter.ProcessAsync(activity, cancellationToken).ConfigureAwait(false);
        if (result.InvokeResponse is { } invoke)
        {
            return invoke.Body is null ? Results.StatusCode(invoke.Status) : Results.Json(invoke.Body, statusCode: invoke.Status);
        }

        if (result.ExpectedReplies is { } replies)
        {
            return Results.Json(new { activities = replies }, LiveAssist.BotFramework.Schema.ActivitySerializer.Options);
        }

        return Results.Ok();
    }

    private static IResult Busy()
        => new RetryLater(ActivityBodyReader.Problem(StatusCodes.Status503ServiceUnavailable, "Busy",
            "The bot has as many turns waiting as it may; the channel should retry shortly."));

    /// <summary>A 503 with <c>Retry-After</c>, which the Bot Connector and Teams honour.</summary>
    private sealed class RetryLater(IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            return problem.ExecuteAsync(httpContext);
        }
    }

    private static bool IsWebAddress(string? serviceUrl)
        => string.IsNullOrEmpty(serviceUrl)
            || (Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}
