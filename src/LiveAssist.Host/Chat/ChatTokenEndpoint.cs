using System.Security.Cryptography;
using LiveAssist.DirectLine;
using LiveAssist.Host.Hosting;

namespace LiveAssist.Host.Chat;

/// <summary>
/// <c>POST /chat/token</c>: what the /chat page calls to get a Direct Line token for a fresh
/// conversation. The secret stays on the server; the token opens only that one conversation.
/// </summary>
internal static class ChatTokenEndpoint
{
    public static void MapChatToken(this IEndpointRouteBuilder endpoints)
        => endpoints.MapPost("/chat/token", Issue).RequireRateLimiting(PublicRateLimits.ChatTokenPolicy).DisableAntiforgery();

    private static IResult Issue(string? lang, DirectLineService directLine)
    {
        var locale = NormalizeLocale(lang);
        var userId = "dl_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var token = directLine.NewToken(DirectLineConversations.NewId(), userId, null, locale);
        return Results.Json(new
        {
            conversationId = token.ConversationId,
            token = directLine.Issue(token),
            expires_in = directLine.Lifetime,
            userId,
            locale,
        });
    }

    // Only a well-formed BCP-47-looking tag is passed on; anything else means "unknown".
    private static string? NormalizeLocale(string? lang)
        => lang is { Length: >= 2 and <= 20 } && lang.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? lang : null;
}
