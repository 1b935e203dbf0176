using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveAssist.BotFramework.Schema;

/// <summary>
/// A Bot Framework v3 activity. Fields this service does not model are kept in
/// <see cref="Properties"/> so an activity round-trips without losing anything a channel sent.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Timestamp { get; set; }
    public string? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public string? TopicName { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<Entity>? Entities { get; set; }

    /// <summary>Channel-specific data, kept as raw JSON (Teams, Web Chat and Direct Line each put their own shape here).</summary>
    public JsonElement? ChannelData { get; set; }

    public string? Action { get; set; }
    public string? ReplyToId { get; set; }
    public string? Name { get; set; }
    public JsonElement? Value { get; set; }
    public string? Code { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? DeliveryMode { get; set; }
    public string? Expiration { get; set; }
    public string? Importance { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Creates a message that answers this activity, addressed back to its sender (SDK <c>CreateReply</c> rules).</summary>
    public Activity CreateReply(string? text = null, string? locale = null)
    {
        var reply = new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            TextFormat = "plain",
            Locale = locale ?? Locale,
            From = Recipient is null ? null : new ChannelAccount(Recipient.Id ?? string.Empty, Recipient.Name, "bot"),
            Recipient = From is null ? null : new ChannelAccount(From.Id ?? string.Empty, From.Name),
            Conversation = Conversation is null ? null : new ConversationAccount
            {
                Id = Conversation.Id,
                Name = Conversation.Name,
                IsGroup = Conversation.IsGroup,
                TenantId = Conversation.TenantId,
                ConversationType = Conversation.ConversationType,
            },
            ChannelId = ChannelId,
            ServiceUrl = ServiceUrl,
        };

        // Web Chat waits up to 5 s for a replyToId it never sees; a conversationUpdate is never shown to it.
        var skipReplyTo = Type == ActivityTypes.ConversationUpdate && ChannelId is "directline" or "webchat";
        reply.ReplyToId = skipReplyTo ? null : Id;
        return reply;
    }

    /// <summary>The reference needed to write into this conversation later.</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Type == ActivityTypes.ConversationUpdate && ChannelId is "directline" or "webchat" ? null : Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };

    /// <summary>Reads a string property of <see cref="ChannelData"/>, e.g. <c>sessionId</c>.</summary>
    public string? GetChannelDataString(string name)
    {
        if (ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        return null;
    }
}
