using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace LiveAssist.DirectLine;

/// <summary>
/// Issues and checks conversation tokens: a JSON payload and an HMAC-SHA256 over it with a key
/// derived from the channel secret. No token store is needed, and a token never opens another conversation.
/// </summary>
public sealed class DirectLineTokenService(DirectLineSecret secret, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes("liveassist-directline-token:" + secret.Value));

    public string Issue(DirectLineToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(token.ConversationId, token.UserId, token.UserName, token.Locale, token.ExpiresAt.ToUnixTimeSeconds(), token.StartedAt.ToUnixTimeSeconds()), Json);
        return WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, payload));
    }

    public DirectLineToken Create(string conversationId, string? userId, string? userName, string? locale, int lifetimeSeconds)
        => new(conversationId, userId, userName, locale, time.GetUtcNow().AddSeconds(lifetimeSeconds)) { StartedAt = time.GetUtcNow() };

    /// <summary>A fresh token for the same conversation and user that keeps the conversation's start time.</summary>
    public DirectLineToken Renew(DirectLineToken old, int lifetimeSeconds)
    {
        ArgumentNullException.ThrowIfNull(old);
        return old with { ExpiresAt = time.GetUtcNow().AddSeconds(lifetimeSeconds) };
    }

    /// <summary>True when the conversation's first token is older than <paramref name="maxAge"/>.</summary>
    public bool IsPastMaxAge(DirectLineToken token, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(token);
        return time.GetUtcNow() - token.StartedAt > maxAge;
    }

    /// <summary>Reads a token; null when it is not one of ours or was tampered with. Expiry is the caller's check.</summary>
    public DirectLineToken? Read(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == value.Length - 1)
        {
            return null;
        }

        try
        {
            var payload = WebEncoders.Base64UrlDecode(value, 0, dot);
            var signature = WebEncoders.Base64UrlDecode(value, dot + 1, value.Length - dot - 1);
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)))
            {
                return null;
            }

            var p = JsonSerializer.Deserialize<Payload>(payload, Json);
            return p is null || string.IsNullOrEmpty(p.C)
                ? null
                : new DirectLineToken(p.C, p.U, p.N, p.L, DateTimeOffset.FromUnixTimeSeconds(p.Exp)) { StartedAt = DateTimeOffset.FromUnixTimeSeconds(p.S ?? 0) };
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    public bool IsExpired(DirectLineToken token) => token.ExpiresAt <= time.GetUtcNow();

    public bool IsSecret(string value) => CryptographicOperations.FixedTimeEquals(
        Encoding.UTF8.GetBytes(value), Encoding.UTF8.GetBytes(secret.Value));

    // S: the conversation's first issue (a token from before S existed counts as old as the epoch, so it cannot be refreshed forever).
    private sealed record Payload(string C, string? U, string? N, string? L, long Exp, long? S);
}
