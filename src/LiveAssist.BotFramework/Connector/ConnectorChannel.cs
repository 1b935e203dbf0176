using System.Collections.Concurrent;
using LiveAssist.BotFramework.Authentication;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using Refit;

namespace LiveAssist.BotFramework.Connector;

/// <summary>
/// Sends the bot's activities through the Connector REST API at the activity's serviceUrl.
/// It is the last outbound channel: every serviceUrl no in-process channel claims comes here.
/// Sends to one conversation are serialized so replies arrive in the order the bot wrote them.
/// </summary>
public sealed class ConnectorChannel(IHttpClientFactory httpClientFactory, TrustedServiceUrls trusted) : IOutboundChannel
{
    internal const string HttpClientName = "BotFramework.Connector";
    private static readonly RefitSettings Settings = new(new SystemTextJsonContentSerializer(ActivitySerializer.Options));
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _conversationLocks = new(StringComparer.Ordinal);

    public bool Handles(string serviceUrl) => true;

    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (api, conversationId) = Prepare(activity.ServiceUrl, activity.Conversation?.Id);
        var gate = _conversationLocks.GetOrAdd(conversationId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var response = string.IsNullOrEmpty(activity.ReplyToId)
                ? await api.SendToConversationAsync(conversationId, activity, cancellationToken).ConfigureAwait(false)
                : await api.ReplyToActivityAsync(conversationId, activity.ReplyToId, activity, cancellationToken).ConfigureAwait(false);
            return await ReadResourceAsync(response, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (api, conversationId) = Prepare(activity.ServiceUrl, activity.Conversation?.Id);
        var id = activity.Id ?? throw new ArgumentException("An update needs the id of the activity to replace.", nameof(activity));
        using var response = await api.UpdateActivityAsync(conversationId, id, activity, cancellationToken).ConfigureAwait(false);
        return await ReadResourceAsync(response, cancellationToken).ConfigureAwait(false) is { Id: not null } read ? read : new ResourceResponse(id);
    }

    /// <summary>
    /// The id the channel gave the activity, when it said one. Any 2xx is a delivered activity: 202 with an
    /// empty body is what Teams answers for cards, and a body that is not a resource response is ignored.
    /// </summary>
    internal static async Task<ResourceResponse> ReadResourceAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ActivitySendException((int)response.StatusCode, response.ReasonPhrase);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length == 0 || body.Length > 64 * 1024)
        {
            return new ResourceResponse(null);
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<ResourceResponse>(body, ActivitySerializer.Options) ?? new ResourceResponse(null);
        }
        catch (System.Text.Json.JsonException)
        {
            return new ResourceResponse(null);
        }
    }

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var (api, conversationId) = Prepare(reference.ServiceUrl, reference.Conversation?.Id);
        return api.DeleteActivityAsync(conversationId, activityId, cancellationToken);
    }

    /// <summary>Starts a new conversation (e.g. a 1:1 chat in Teams) at a trusted serviceUrl.</summary>
    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
        => For(serviceUrl).CreateConversationAsync(parameters, cancellationToken);

    private (IConnectorApi Api, string ConversationId) Prepare(string? serviceUrl, string? conversationId)
    {
        if (string.IsNullOrEmpty(conversationId))
        {
            throw new ArgumentException("The activity has no conversation id.");
        }

        return (For(serviceUrl ?? string.Empty), conversationId);
    }

    private IConnectorApi For(string serviceUrl)
    {
        if (!trusted.IsTrusted(serviceUrl))
        {
            throw new UntrustedServiceUrlException(serviceUrl);
        }

        var http = httpClientFactory.CreateClient(HttpClientName);
        // Teams serviceUrls carry a path (/amer/, /teams/) that must be kept.
        http.BaseAddress = new Uri(serviceUrl.TrimEnd('/'));
        return RestService.For<IConnectorApi>(http, Settings);
    }
}
