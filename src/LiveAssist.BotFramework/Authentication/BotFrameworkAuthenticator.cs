using System.Collections.Concurrent;
using System.Security.Claims;
using LiveAssist.BotFramework.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveAssist.BotFramework.Authentication;

/// <summary>
/// Validates the Bot Framework JWT on an inbound activity: channel tokens (Azure Bot Service,
/// Teams, Direct Line) and Emulator/AAD tokens. Issuer, audience, signature, lifetime with 5 min
/// skew, channel endorsement of the signing key, and the <c>serviceurl</c> claim.
/// </summary>
public sealed partial class BotFrameworkAuthenticator(
    IOptions<BotFrameworkOptions> options,
    OpenIdKeyCache keys,
    TrustedServiceUrls trustedServiceUrls,
    TimeProvider time,
    ILogger<BotFrameworkAuthenticator> logger)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private const int MaxCachedTokens = 4096;

    internal static readonly string[] EmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        "https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/",
        "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    // Channels reuse one token for many activities; a verified signature is remembered until the token expires.
    private readonly ConcurrentDictionary<string, VerifiedToken> _verified = new(StringComparer.Ordinal);

    private sealed record VerifiedToken(ClaimsIdentity Identity, HashSet<string>? Endorsements, bool IsChannelToken, DateTimeOffset ValidTo);

    public bool IsDisabled => options.Value.IsAuthenticationDisabled;

    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var settings = options.Value;
        if (settings.IsAuthenticationDisabled)
        {
            // Local development only (no app id): anything goes, and the host logged that loudly at startup.
            return AuthenticationResult.Anonymous;
        }

        if (!TryGetBearer(authorizationHeader, out var token))
        {
            return Reject(AuthenticationResult.Unauthorized("missing or malformed Authorization header"));
        }

        var verified = _verified.TryGetValue(token, out var cached) && cached.ValidTo + ClockSkew > time.GetUtcNow()
            ? cached
            : await VerifyAsync(token, settings, cancellationToken).ConfigureAwait(false);
        if (verified is null)
        {
            return Reject(AuthenticationResult.Unauthorized("token failed validation"));
        }

        return verified.IsChannelToken
            ? CheckChannelToken(verified, activity, settings)
            : AuthenticationResult.Success(verified.Identity, "urn:botframework:azure");
    }

    private AuthenticationResult CheckChannelToken(VerifiedToken token, Activity activity, BotFrameworkOptions settings)
    {
        if (token.Endorsements is null)
        {
            return Reject(AuthenticationResult.Forbidden("signing key carries no endorsements"));
        }

        if (!string.IsNullOrEmpty(activity.ChannelId) && !token.Endorsements.Contains(activity.ChannelId))
        {
            return Reject(AuthenticationResult.Forbidden($"signing key is not endorsed for channel '{activity.ChannelId}'"));
        }

        foreach (var required in settings.RequiredEndorsements)
        {
            if (!token.Endorsements.Contains(required))
            {
                return Reject(AuthenticationResult.Forbidden($"signing key lacks required endorsement '{required}'"));
            }
        }

        var claimed = token.Identity.FindFirst("serviceurl")?.Value;
        if (string.IsNullOrEmpty(claimed) || !string.Equals(claimed, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return Reject(AuthenticationResult.Forbidden("serviceurl claim does not match the activity's serviceUrl"));
        }

        // Only a serviceUrl vouched for by a verified token may receive the bot's credentials later.
        trustedServiceUrls.Trust(claimed);
        return AuthenticationResult.Success(token.Identity, "urn:botframework:azure");
    }

    private async Task<VerifiedToken?> VerifyAsync(string token, BotFrameworkOptions settings, CancellationToken cancellationToken)
    {
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var isChannel = string.Equals(jwt.Issuer, settings.ToBotFromChannelTokenIssuer, StringComparison.Ordinal);
        if (!isChannel && !IsEmulatorIssuer(jwt.Issuer, settings))
        {
            return null;
        }

        var metadataUrl = isChannel ? settings.ToBotFromChannelOpenIdMetadataUrl : settings.ToBotFromEmulatorOpenIdMetadataUrl;
        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return null;
        }

        var (key, endorsements) = await keys.FindKeyAsync(metadataUrl, jwt.Kid, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return null;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidateIssuer = true,
            ValidAudience = settings.MicrosoftAppId,
            ValidateAudience = true,
            IssuerSigningKey = key,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            ValidAlgorithms = Algorithms,
            LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires),
        };

        var result = await _handler.ValidateTokenAsync(jwt, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            LogTokenInvalid(logger, result.Exception?.GetType().Name);
            return null;
        }

        if (!isChannel && !HasBotAppIdClaim(result.ClaimsIdentity, settings.MicrosoftAppId!))
        {
            return null;
        }

        var verified = new VerifiedToken(result.ClaimsIdentity, endorsements, isChannel, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        if (_verified.Count >= MaxCachedTokens)
        {
            _verified.Clear();
        }

        _verified[token] = verified;
        return verified;
    }

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && exp.ToUniversalTime() + ClockSkew >= now
            && (notBefore is not { } nbf || nbf.ToUniversalTime() - ClockSkew <= now);
    }

    private static bool IsEmulatorIssuer(string issuer, BotFrameworkOptions settings)
    {
        if (EmulatorIssuers.Contains(issuer, StringComparer.Ordinal))
        {
            return true;
        }

        var tenant = settings.MicrosoftAppTenantId;
        return !string.IsNullOrEmpty(tenant)
            && (issuer == $"https://sts.windows.net/{tenant}/" || issuer == $"https://login.microsoftonline.com/{tenant}/v2.0");
    }

    // AAD tokens name the calling app in appid (v1) or azp (v2); it must be this bot.
    private static bool HasBotAppIdClaim(ClaimsIdentity identity, string appId)
    {
        var version = identity.FindFirst("ver")?.Value;
        var claim = version switch
        {
            null or "1.0" => identity.FindFirst("appid")?.Value,
            "2.0" => identity.FindFirst("azp")?.Value,
            _ => null,
        };
        return string.Equals(claim, appId, StringComparison.Ordinal);
    }

    private static bool TryGetBearer(string? header, out string token)
    {
        token = string.Empty;
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !string.Equals(parts[0], "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = parts[1];
        return true;
    }

    private AuthenticationResult Reject(AuthenticationResult result)
    {
        LogRejected(logger, result.StatusCode, result.Reason);
        return result;
    }

    [LoggerMessage(20, LogLevel.Warning, "Rejected inbound activity with {StatusCode}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int statusCode, string? reason);

    [LoggerMessage(21, LogLevel.Debug, "Token validation failed: {Error}")]
    private static partial void LogTokenInvalid(ILogger logger, string? error);
}
