using System.Globalization;
using LiveAssist.BotFramework.Hosting;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace LiveAssist.DirectLine;

/// <summary>The rules of the embedded Direct Line: who may do what, and how activities reach the bot.</summary>
public sealed class DirectLineService(
    DirectLineConversations conversations,
    DirectLineTokenService tokens,
    BotAdapter adapter,
    TurnQueue turns,
    IOptions<DirectLineOptions> options)
{
    public DirectLineConversations Conversations => conversations;

    public int Lifetime => options.Value.TokenLifetimeSeconds;

    public (DirectLineCaller? Caller, IResult? Error) Authenticate(StringValues authorization)
    {
        var header = authorization.ToString();
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length == Prefix.Length)
        {
            return (null, DirectLineErrors.MissingCredentials());
        }

        return AuthenticateValue(header[Prefix.Length..].Trim());
    }

    /// <summary>Checks a bare secret or token (the stream passes it in the query string).</summary>
    public (DirectLineCaller? Caller, IResult? Error) AuthenticateValue(string value)
    {
        if (tokens.IsSecret(value))
        {
            return (new DirectLineCaller(true, null), null);
        }

        var token = tokens.Read(value);
        if (token is null)
        {
            return (null, DirectLineErrors.BadToken());
        }

        return tokens.IsExpired(token) ? (null, DirectLineErrors.Expired()) : (new DirectLineCaller(false, token), null);
    }

    public DirectLineToken NewToken(string conversationId, string? userId, string? userName, string? locale)
        => tokens.Create(conversationId, userId, userName, locale, Lifetime);

    public string Issue(DirectLineToken token) => tokens.Issue(token);

    /// <summary>A refreshed token, or null when the conversation is older than <see cref="DirectLineOptions.MaxTokenAgeMinutes"/>.</summary>
    public DirectLineToken? Refresh(DirectLineToken old)
        => tokens.IsPastMaxAge(old, TimeSpan.FromMinutes(options.Value.MaxTokenAgeMinutes)) ? null : tokens.Renew(old, Lifetime);

    /// <summary>False when a conversation this process does not hold yet would exceed <see cref="DirectLineOptions.MaxConversations"/>.</summary>
    public bool HasRoomFor(string conversationId)
        => conversations.Find(conversationId) is not null || conversations.Count < options.Value.MaxConversations;

    public string StreamUrl(HttpRequest request, string conversationId, string token, long position)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scheme = request.IsHttps ? "wss" : "ws";
        return $"{scheme}://{request.Host}{request.PathBase}{DirectLineEndpoints.BasePath}/conversations/{Uri.EscapeDataString(conversationId)}/stream"
            + $"?watermark={Uri.EscapeDataString(Watermark.Format(position))}&t={Uri.EscapeDataString(token)}";
    }

    /// <summary>Starts (or resumes) a conversation and tells the bot who joined, so it can greet them.</summary>
    public async Task<(ConversationResponse Response, bool Created)> StartAsync(
        DirectLineCaller caller, string? userId, string? userName, string? locale, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var conversationId = caller.Token?.ConversationId ?? DirectLineConversations.NewId();
        // A user named in the token wins over one named in the body: the token was issued server-side.
        userId = caller.Token?.UserId ?? userId;
        userName = caller.Token?.UserName ?? userName;
        locale = caller.Token?.Locale ?? locale;

        var conversation = conversations.GetOrAdd(conversationId);
        var created = await conversation.StartAsync(cancellationToken).ConfigureAwait(false);
        var position = await conversation.PositionAsync(cancellationToken).ConfigureAwait(false);
        var token = tokens.Create(conversationId, userId, userName, locale, Lifetime);
        var issued = tokens.Issue(token);

        if (created)
        {
            await AnnounceAsync(conversation, userId is null ? null : new ChannelAccount(userId, userName), locale, cancellationToken).ConfigureAwait(false);
        }

        return (new ConversationResponse(conversationId, issued, Lifetime, StreamUrl(request, conversationId, issued, position)), created);
    }

    /// <summary>
    /// Stores the client's activity (the echo Web Chat waits for) and queues the bot's turn: the client has its id at once
    /// and the replies reach it through the stream or the next poll. Only <c>expectReplies</c> waits for the turn.
    /// </summary>
    public async Task<IResult> PostAsync(DirectLineCaller caller, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            return DirectLineErrors.Create(400, "BadArgument", "Clients may not send conversationUpdate; Direct Line generates it.");
        }

        if (caller.Token?.UserId is { } boundUser)
        {
            activity.From = new ChannelAccount(boundUser, caller.Token.UserName ?? activity.From?.Name);
        }

        if (string.IsNullOrEmpty(activity.From?.Id))
        {
            return DirectLineErrors.Create(400, "BadArgument", "The activity needs 'from.id'.");
        }

        activity.From.Role = "user";
        var bot = options.Value;
        if (conversations.TotalBytes > bot.MaxTotalBytes)
        {
            return DirectLineErrors.Create(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable",
                "Direct Line holds as much as it may right now; try again in a few minutes.");
        }

        var conversation = conversations.GetOrAdd(conversationId);
        activity.ChannelId = DirectLineChannel.ChannelId;
        activity.ServiceUrl = DirectLineChannel.ServiceUrl;
        activity.Conversation = new ConversationAccount(conversationId);
        activity.Recipient = new ChannelAccount(bot.BotId, bot.BotName, "bot");
        activity.Locale ??= caller.Token?.Locale;

        if (!conversation.AnnouncedUsers.Contains(activity.From.Id))
        {
            await AnnounceAsync(conversation, activity.From, activity.Locale, cancellationToken).ConfigureAwait(false);
        }

        if (TurnQueue.MayQueue(activity) && !turns.HasRoom)
        {
            return DirectLineErrors.Create(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable",
                "The bot has as many messages waiting as it may right now; try again in a moment.");
        }

        await conversation.AppendAsync(activity, cancellationToken).ConfigureAwait(false);
        if (TurnQueue.MayQueue(activity) && turns.TryEnqueue(activity))
        {
            return Results.Json(new { id = activity.Id });
        }

        // Stored already (the client sees its echo): a queue that filled up meanwhile costs this turn its wait, not the message.
        var result = await adapter.ProcessAsync(activity, cancellationToken).ConfigureAwait(false);
        return result.Failed ? DirectLineErrors.BotFailed() : Results.Json(new { id = activity.Id });
    }

    private async Task AnnounceAsync(DirectLineConversation conversation, ChannelAccount? user, string? locale, CancellationToken cancellationToken)
    {
        var bot = options.Value;
        var members = new List<ChannelAccount> { new(bot.BotId, bot.BotName) };
        if (user?.Id is { } id)
        {
            if (!await conversation.AnnounceAsync(id, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            members.Add(new ChannelAccount(id, user.Name));
        }

        // Never shown to the client (Direct Line does not deliver conversationUpdate), only to the bot.
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = $"{conversation.Id}|cu-{conversation.Position.ToString(CultureInfo.InvariantCulture)}",
            ChannelId = DirectLineChannel.ChannelId,
            ServiceUrl = DirectLineChannel.ServiceUrl,
            Conversation = new ConversationAccount(conversation.Id),
            Recipient = new ChannelAccount(bot.BotId, bot.BotName, "bot"),
            From = user ?? new ChannelAccount(bot.BotId, bot.BotName),
            MembersAdded = members,
            Locale = locale,
        };
        await adapter.ProcessAsync(update, cancellationToken).ConfigureAwait(false);
    }
}
