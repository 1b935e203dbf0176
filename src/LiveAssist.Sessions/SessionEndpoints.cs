using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using LiveAssist.Catalog.Client;
using LiveAssist.Sessions.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LiveAssist.Sessions;

/// <summary>The live session API (contract section 2): create, read, end, and the product on screen.</summary>
public static class SessionEndpoints
{
    private const int MaxListedProducts = 200;
    private const int MaxListedSessions = 200;
    private const string HostKeyPurpose = "LiveAssist.Sessions.HostKey";

    public static SessionRoutes MapSessions(this SessionRoutes routes, string? createRateLimitPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var create = routes.Collection.MapPost("/", CreateAsync);
        var prepare = routes.Collection.MapPost("/prepare", PrepareAsync).RequireAuthorization(StudioPolicies.Merchant);
        if (createRateLimitPolicy is not null)
        {
            create.RequireRateLimiting(createRateLimitPolicy);
            prepare.RequireRateLimiting(createRateLimitPolicy);
        }

        routes.Collection.MapGet("/", ListMineAsync).RequireAuthorization(StudioPolicies.Merchant);
        routes.Public.MapGet(string.Empty, GetAsync);
        routes.Host.MapPost("/end", EndAsync);
        routes.Host.MapPut("/product", SetProductAsync);
        routes.Host.MapPut("/products", SetProductListAsync);
        routes.Host.MapGet("/details", Details);
        routes.Public.MapPost("/host-key", RevealHostKeyAsync); // the owner's sign-in only, checked in the handler: the key does not reveal itself
        return routes;
    }

    /// <summary>A sign-in cookie came but is no longer good (expired, signed out, forged): not the same as none at all.</summary>
    private static async Task<bool> SignInExpiredAsync(HttpContext context)
        => (await context.AuthenticateAsync().ConfigureAwait(false)).Failure is not null;

    private static IResult SignInExpired() => SessionHostRefusal.SignInExpired().ToResult();


    private static async Task<IResult> CreateAsync(HttpContext context, CreateSessionRequest? body, ISessionStore store, IOptions<SessionsOptions> options, TimeProvider time,
        IEnumerable<ISessionPreparer> preparers, ICatalogApi catalog, IServiceProvider services, CancellationToken cancellationToken)
    {
        var user = context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        if (!signedIn && await SignInExpiredAsync(context).ConfigureAwait(false))
        {
            return SignInExpired(); // the studio's merchant must not start an ownerless live by accident
        }

        // A viewer's sign-in gives no more than none: the live is started as by the bare API, owned by nobody.
        var merchant = signedIn && (user.IsInRole(StudioRoles.Merchant) || user.IsInRole(StudioRoles.Editor));

        // A signed-in merchant is the platform's own user; the platform key is for programs starting lives without a sign-in.
        var createKey = options.Value.CreateKey;
        if (!merchant && !string.IsNullOrEmpty(createKey) && !CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(context.Request.Headers["X-Api-Key"].ToString()), Encoding.UTF8.GetBytes(createKey)))
        {
            return Problem(401, "Key needed", "Creating a session needs the platform key in X-Api-Key.");
        }

        var (session, problem) = SessionDraft.Build(body, options.Value, time.GetUtcNow());
        if (problem is not null)
        {
            return Problem(problem);
        }

        if (merchant)
        {
            session!.Owner = user.Identity!.Name;
            session.ShopId ??= user.FindFirst(StudioRoles.ShopClaim)?.Value;
        }

        if (session!.ProductList.Count > 0)
        {
            var (products, productProblem) = await ResolveProductsAsync(session.ProductList, catalog, cancellationToken).ConfigureAwait(false);
            if (productProblem is not null)
            {
                return productProblem;
            }

            session.ProductList = products!;
        }

        var hostKey = HostKeys.Create();
        session.HostKeyHash = HostKeys.Hash(hostKey);
        if (merchant && services.GetService(typeof(IDataProtectionProvider)) is IDataProtectionProvider protection)
        {
            session.HostKeyProtected = protection.CreateProtector(HostKeyPurpose).Protect(hostKey);
        }

        var (quality, chat) = await PrepareLanguagesAsync(session, preparers, services, cancellationToken).ConfigureAwait(false);
        await store.SaveAsync(session, cancellationToken).ConfigureAwait(false);
        return Results.Created($"/api/sessions/{session.Id}", SessionView.From(session, hostKey) with { LanguageQuality = quality, Chat = chat });
    }

    /// <summary>
    /// What a live would get, before it is started: per language the quality and the buyer chat's answer, and the
    /// glossary and script with the missing languages filled by the configured engines (each filled one listed in
    /// <c>filled</c>, for review). Nothing is saved.
    /// </summary>
    private static async Task<IResult> PrepareAsync(CreateSessionRequest? body, IOptions<SessionsOptions> options, TimeProvider time,
        IEnumerable<ISessionPreparer> preparers, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (session, problem) = SessionDraft.Build(body is null ? null : body with { Title = string.IsNullOrWhiteSpace(body.Title) ? "draft" : body.Title, ProductIds = null },
            options.Value, time.GetUtcNow());
        if (problem is not null)
        {
            return Problem(problem);
        }

        var (quality, chat) = await PrepareLanguagesAsync(session!, preparers, services, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { languageQuality = quality, chat, glossary = session!.Glossary, script = session.Script });
    }

    private static async Task<(Dictionary<string, LanguageQuality> Quality, Dictionary<string, string>? Chat)> PrepareLanguagesAsync(LiveSession session,
        IEnumerable<ISessionPreparer> preparers, IServiceProvider services, CancellationToken cancellationToken)
    {
        var quality = new Dictionary<string, LanguageQuality>(StringComparer.OrdinalIgnoreCase);
        foreach (var preparer in preparers)
        {
            foreach (var (language, report) in await preparer.PrepareAsync(session, cancellationToken).ConfigureAwait(false))
            {
                quality[language] = report;
            }
        }

        // Every caption language is either answered in the buyer chat or declined here, where the merchant sees it: never silent English.
        var chatLanguages = services.GetService(typeof(IChatLanguages)) as IChatLanguages;
        var chat = chatLanguages is null ? null : session.TargetLanguages.ToDictionary(l => l, l => chatLanguages.Answers(LiveSession.Primary(l))
            ? "answered"
            : "declined: buyer chat has no texts in this language; buyers writing in it are told, once, that answers come in English");
        return (quality, chat);
    }

    /// <summary>The signed-in merchant's lives, live and ended, newest first (contract §7).</summary>
    private static async Task<IResult> ListMineAsync(ClaimsPrincipal user, ISessionStore store, CancellationToken cancellationToken)
    {
        var mine = await store.ListByOwnerAsync(user.Identity!.Name!, MaxListedSessions, cancellationToken).ConfigureAwait(false);
        return Results.Json(mine.Select(s => SessionView.From(s, hostKey: null)));
    }

    /// <summary>Everything the host set up (glossary, script with what was filled), for the host key or the signed-in owner.</summary>
    private static IResult Details(AuthorizedSession host)
    {
        var session = host.Session;
        return Results.Json(new
        {
            session = SessionView.From(session, hostKey: null),
            glossary = session.Glossary,
            script = session.Script,
            hostKeyKept = session.HostKeyProtected is not null,
        });
    }

    /// <summary>The host key again, for the signed-in owner only (the host key alone does not reveal itself to others).</summary>
    private static async Task<IResult> RevealHostKeyAsync(string id, HttpContext context, ISessionStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        var session = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Problem(404, "找不到这场直播 Unknown session", "没有这个编号的直播。There is no live session with this id.");
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Problem(401, "请先登录 Sign in", "登录已过期，请重新登录后再查看主播密钥。Sign in again to see the host key.");
        }

        if (!SessionOwnerHandler.IsOwner(context.User, session))
        {
            return SessionHostRefusal.NotYours().ToResult();
        }

        if (session.HostKeyProtected is null || services.GetService(typeof(IDataProtectionProvider)) is not IDataProtectionProvider protection)
        {
            return Problem(409, "没有保存密钥 Key not kept", "这场直播的主播密钥没有保存（不是在工作台开的）。This live's host key was not kept.");
        }

        try
        {
            return Results.Json(new { hostKey = protection.CreateProtector(HostKeyPurpose).Unprotect(session.HostKeyProtected) });
        }
        catch (CryptographicException)
        {
            return Problem(409, "密钥无法读取 Key unreadable", "保护密钥的文件变了（数据目录里的 keys），这场直播的主播密钥读不出来了。The data-protection keys changed.");
        }
    }

    private static async Task<IResult> GetAsync(string id, ISessionStore store, CancellationToken cancellationToken)
        => await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } session
            ? Results.Json(SessionView.From(session, hostKey: null))
            : Problem(404, "Unknown session", "There is no live session with this id.");

    private static async Task<IResult> EndAsync(AuthorizedSession host, LiveSessionEditor editor, TimeProvider time, CancellationToken cancellationToken)
    {
        // Through the editor: a product change saved at the same moment must neither be lost nor bring the live back.
        var session = await editor.UpdateAsync(host.Session.Id, live =>
        {
            if (live.EndedAt is not null)
            {
                return false;
            }

            live.EndedAt = time.GetUtcNow();
            return true;
        }, cancellationToken).ConfigureAwait(false) ?? host.Session;
        return Results.Json(SessionView.From(session, hostKey: null));
    }

    private static async Task<IResult> SetProductAsync(SetProductRequest? body, AuthorizedSession host, ProductOnScreen products, ICatalogApi catalog, IEnumerable<ISessionObserver> observers, CancellationToken cancellationToken)
    {
        var session = host.Session;
        if (string.IsNullOrWhiteSpace(body?.ProductId))
        {
            return Problem(400, "Product needed", "Send {\"productId\": \"...\"}.");
        }

        using var found = await catalog.GetProductAsync(body.ProductId, null, cancellationToken).ConfigureAwait(false);
        if (!found.IsSuccessStatusCode || found.Content?.Id is not { } productId)
        {
            return Problem(found.StatusCode == System.Net.HttpStatusCode.NotFound ? 404 : 502, "Product not set",
                found.StatusCode == System.Net.HttpStatusCode.NotFound ? $"The catalog has no product '{body.ProductId}'." : "The catalog did not answer; try again.");
        }

        session = await products.ShowAsync(session.Id, productId, cancellationToken).ConfigureAwait(false) ?? session;
        foreach (var observer in observers)
        {
            await observer.ProductChangedAsync(session, cancellationToken).ConfigureAwait(false);
        }

        return Results.Json(SessionView.From(session, hostKey: null));
    }

    /// <summary>The live's product list in the order buyers see it ("#3" is the third); every id must be in the catalog.</summary>
    private static async Task<IResult> SetProductListAsync(SetProductListRequest? body, AuthorizedSession host, ProductOnScreen products, ICatalogApi catalog, CancellationToken cancellationToken)
    {
        var session = host.Session;
        var wanted = body?.ProductIds?.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted is null)
        {
            return Problem(400, "Products needed", "Send {\"productIds\": [\"YW-100234\", ...]} in the order buyers see them.");
        }

        if (wanted.Count > MaxListedProducts)
        {
            return Problem(400, "Too many products", $"A live lists at most {MaxListedProducts} products; {wanted.Count} were sent.");
        }

        var (found, problem) = await ResolveProductsAsync(wanted, catalog, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        session = await products.ListAsync(session.Id, found!, cancellationToken).ConfigureAwait(false) ?? session;
        return Results.Json(SessionView.From(session, hostKey: null));
    }

    /// <summary>Every id checked in the catalog (its canonical spelling kept), or the problem; nothing is changed on a problem.</summary>
    private static async Task<(List<string>? Found, IResult? Problem)> ResolveProductsAsync(IReadOnlyList<string> wanted, ICatalogApi catalog, CancellationToken cancellationToken)
    {
        var found = new List<string>(wanted.Count);
        var unknown = new List<string>();
        foreach (var productId in wanted)
        {
            using var response = await catalog.GetProductAsync(productId, null, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                unknown.Add(productId);
            }
            else if (!response.IsSuccessStatusCode || response.Content?.Id is not { } canonical)
            {
                return (null, Problem(502, "商品没有设置 Products not set", "商品库没有回应，什么都没改，请再试一次。The catalog did not answer; nothing was changed. Try again."));
            }
            else
            {
                found.Add(canonical);
            }
        }

        return unknown.Count > 0
            ? (null, Problem(404, "商品没有设置 Products not set", $"商品库里没有 {string.Join(", ", unknown.Take(10))}；什么都没改。The catalog has no product {string.Join(", ", unknown.Take(10))}; nothing was changed."))
            : (found, null);
    }

    private static IResult Problem(SessionProblem problem) => Problem(problem.Status, problem.Title, problem.Detail);

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);
}

/// <param name="ProductIds">The live's product list in the order buyers see it; checked in the catalog before anything is saved.</param>
public sealed record CreateSessionRequest(string? Title, string? ShopId, string? SourceLanguage, List<string>? TargetLanguages, List<GlossaryEntry>? Glossary, List<ScriptLine>? Script,
    bool? ShowDrafts = null, string? Currency = null, List<string>? ProductIds = null);

public sealed record SetProductRequest(string? ProductId);

public sealed record SetProductListRequest(List<string>? ProductIds);

/// <summary>What a session looks like from outside; the host key only in the creation answer.</summary>
public sealed record SessionView(string Id, string Title, string? ShopId, string SourceLanguage, IReadOnlyList<string> TargetLanguages,
    string State, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, string? CurrentProductId, IReadOnlyList<string> ProductList,
    int GlossaryCount, int ScriptCount, string? HostKey)
{
    /// <summary>Per caption language, what quality it gets (creation answer only): nothing is refused or degraded silently.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, LanguageQuality>? LanguageQuality { get; init; }

    /// <summary>Per caption language: whether the buyer chat answers in it or declines it (creation answer only).</summary>
    public IReadOnlyDictionary<string, string>? Chat { get; init; }

    public static SessionView From(LiveSession s, string? hostKey) => new(s.Id, s.Title, s.ShopId, s.SourceLanguage, s.TargetLanguages,
        s.IsLive ? "live" : "ended", s.CreatedAt, s.EndedAt, s.CurrentProductId, s.ProductList, s.Glossary.Count, s.Script.Count, hostKey);
}
