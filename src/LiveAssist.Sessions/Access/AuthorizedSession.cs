using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace LiveAssist.Sessions.Access;

/// <summary>
/// The session the <see cref="StudioPolicies.SessionHost"/> policy loaded and admitted, as an endpoint parameter:
/// handlers behind the policy take this instead of loading the session again.
/// </summary>
public sealed class AuthorizedSession
{
    private static readonly object ItemKey = new();

    private AuthorizedSession(LiveSession session) => Session = session;

    public LiveSession Session { get; }

    internal static void Keep(HttpContext context, LiveSession session) => context.Items[ItemKey] = new AuthorizedSession(session);

    /// <summary>The admitted session of this request; an endpoint mapped without the policy fails loudly, never runs unchecked.</summary>
    public static AuthorizedSession Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var value) && value is AuthorizedSession session
            ? session
            : throw new InvalidOperationException($"{context.Request.Path} takes the host's session but is not mapped with the {StudioPolicies.SessionHost} policy (SessionRoutes.Host).");
    }

    public static ValueTask<AuthorizedSession?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult<AuthorizedSession?>(Of(context));
}
