using Microsoft.AspNetCore.Http;

namespace LiveAssist.DirectLine;

/// <summary>Direct Line's <c>ErrorResponse</c> shape: <c>{ "error": { "code", "message" } }</c>, which directlinejs reads.</summary>
internal static class DirectLineErrors
{
    public static IResult Create(int status, string code, string message)
        => Results.Json(new { error = new { code, message } }, statusCode: status);

    public static IResult MissingCredentials() => Create(401, "BadArgument", "Send 'Authorization: Bearer <secret or token>'.");

    public static IResult BadToken() => Create(403, "TokenInvalid", "The token is not valid.");

    public static IResult Expired() => Create(403, "TokenExpired", "The token has expired; get a new one.");

    public static IResult WrongConversation() => Create(403, "Forbidden", "This token is for another conversation.");

    public static IResult SecretRequired() => Create(403, "Forbidden", "This call needs the Direct Line secret.");

    public static IResult NotFound() => Create(404, "NotFound", "No such conversation.");

    public static IResult BotFailed() => Create(502, "BotError", "The bot failed to process the activity.");
}
