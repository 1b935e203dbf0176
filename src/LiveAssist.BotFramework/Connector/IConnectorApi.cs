using LiveAssist.BotFramework.Schema;
using Refit;

namespace LiveAssist.BotFramework.Connector;

/// <summary>
/// The Bot Framework Connector REST API v3, relative to an activity's <c>serviceUrl</c>.
/// Refit escapes the path ids, which matters for Teams ids full of <c>:</c>, <c>;</c> and <c>@</c>.
/// Sends return the raw response: the Connector answers 200, 201 or 202, with or without a body
/// (Teams gives 202 and no body for a card), so the body is read only when there is one.
/// </summary>
public interface IConnectorApi
{
    [Post("/v3/conversations/{conversationId}/activities/{activityId}")]
    Task<HttpResponseMessage> ReplyToActivityAsync(string conversationId, string activityId, [Body] Activity activity, CancellationToken cancellationToken);

    [Post("/v3/conversations/{conversationId}/activities")]
    Task<HttpResponseMessage> SendToConversationAsync(string conversationId, [Body] Activity activity, CancellationToken cancellationToken);

    [Put("/v3/conversations/{conversationId}/activities/{activityId}")]
    Task<HttpResponseMessage> UpdateActivityAsync(string conversationId, string activityId, [Body] Activity activity, CancellationToken cancellationToken);

    [Delete("/v3/conversations/{conversationId}/activities/{activityId}")]
    Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    [Post("/v3/conversations")]
    Task<ConversationResourceResponse> CreateConversationAsync([Body] ConversationParameters parameters, CancellationToken cancellationToken);
}
