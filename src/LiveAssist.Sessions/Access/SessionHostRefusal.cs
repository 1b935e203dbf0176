using Microsoft.AspNetCore.Http;

namespace LiveAssist.Sessions.Access;

/// <summary>Why the session-host policy refused, as the problem the client has always got for it (merchant's language first).</summary>
public sealed record SessionHostRefusal(int Status, string Title, string Detail)
{
    private static readonly object ItemKey = new();

    public static SessionHostRefusal UnknownSession() => new(404, "找不到这场直播 Unknown session", "没有这个编号的直播。There is no live session with this id.");

    public static SessionHostRefusal HostKeyNeeded() => new(401, "需要主播密钥或登录 Host key needed",
        $"请先登录开播的账号，或带上这场直播的主播密钥。Sign in as the merchant who started it, or send the session's host key in the {HostKeys.Header} header.");

    public static SessionHostRefusal SignInExpired() => new(401, "登录已过期 Sign-in expired", "登录已过期，请重新登录。Your sign-in has expired; sign in again.");

    /// <summary>403 for a live another account started.</summary>
    public static SessionHostRefusal NotYours() => new(403, "这不是您的直播 Not your live",
        "这场直播是另一个商家账号开的，您不能查看或操作它。请回到“我的直播”。This live belongs to another account.");

    public IResult ToResult() => Results.Problem(Detail, statusCode: Status, title: Title);

    internal static void Keep(HttpContext context, SessionHostRefusal refusal) => context.Items[ItemKey] = refusal;

    internal static SessionHostRefusal? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as SessionHostRefusal : null;
}
