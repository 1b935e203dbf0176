using System.Text.Json.Serialization;

namespace LiveAssist.DirectLine;

/// <summary>The <c>Conversation</c> object of Direct Line 3.0 (token, start and reconnect answers).</summary>
public sealed record ConversationResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl")] string? StreamUrl = null);

/// <summary>Optional body of token generation and conversation start.</summary>
internal sealed record TokenParameters(TokenUser? User, string? Locale);

internal sealed record TokenUser(string? Id, string? Name);
