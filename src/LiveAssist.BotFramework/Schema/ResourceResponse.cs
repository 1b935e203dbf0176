namespace LiveAssist.BotFramework.Schema;

/// <summary>The Connector's answer to a send: the id the channel gave the activity.</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>The Connector's answer to a create-conversation call.</summary>
public sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);

/// <summary>Parameters of a create-conversation call.</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public System.Text.Json.JsonElement? ChannelData { get; set; }
}

/// <summary>The body returned for an <c>invoke</c> activity.</summary>
public sealed record InvokeResponse(int Status, object? Body = null);
