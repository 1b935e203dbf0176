using System.Security.Cryptography;
using System.Text;
using LiveAssist.Catalog.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LiveAssist.Sessions;

/// <summary>The live session API (contract section 2): create, read, end, and the product on screen.</summary>
public static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessions(this IEndpointRouteBuilder endpoints, string? createRateLimitPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/sessions").DisableAntiforgery();
        var create = group.MapPost("/", CreateAsync);
        if (createRateLimitPolicy is not null)
        {
            create.RequireRateLimiting(createRateLimitPolicy);
        }

        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/end", EndAsync);
        group.MapPut("/{id}/product", SetProductAsync);
        group.MapPut("/{id}/products", SetProductListAsync);
        return group;
    }

    /// <summary>Loads a session and checks the caller's host key: the session, or the error to return.</summary>
    public static async Task<(LiveSession? Session, IResult? Error)> AuthorizeHostAsync(HttpRequest request, string id, SessionStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return (null, Problem(404, "Unknown session", "There is no live session with this id."));
        }

        return HostKeys.Matches(session, request.Headers[HostKeys.Header])
            ? (session, null)
            : (null, Problem(401, "Host key needed", $"Send the session's host key in the {HostKeys.Header} header."));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, CreateSessionRequest? body, SessionStore store, IOptions<SessionsOptions> options, TimeProvider time,
        IEnumerable<ISessionPreparer> preparers, IServiceProvider services, CancellationToken cancellationToken)
    {
        var chatLanguages = services.GetService(typeof(IChatLanguages)) as IChatLanguages;
        var createKey = options.Value.CreateKey;
        if (!string.IsNullOrEmpty(createKey) && !CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(request.Headers["X-Api-Key"].ToString()), Encoding.UTF8.GetBytes(createKey)))
        {
            return Problem(401, "Key needed", "Creating a session needs the platform key in X-Api-Key.");
        }

        if (body is null || string.IsNullOrWhiteSpace(body.Title) || body.Title.Length > 200)
        {
            return Problem(400, "Title needed", "Give the session a title of at most 200 characters.");
        }

        var supported = options.Value.SupportedLanguages;
        var targets = (body.TargetLanguages ?? ["en"]).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = targets.Where(t => !supported.Contains(t.Split('-')[0], StringComparer.OrdinalIgnoreCase)).ToList();
        if (targets.Count == 0 || unknown.Count > 0)
        {
            return Problem(400, "Unsupported language", $"Target languages must be among: {string.Join(", ", supported)}." +
                (unknown.Count > 0 ? $" Not supported: {string.Join(", ", unknown.Take(5))}." : string.Empty));
        }

        var hostKey = HostKeys.Create();
        var session = new LiveSession
        {
            Id = "ls-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(),
            Title = body.Title.Trim(),
            ShopId = body.ShopId,
            SourceLanguage = string.IsNullOrWhiteSpace(body.SourceLanguage) ? "zh-CN" : body.SourceLanguage,
            TargetLanguages = targets,
            // What the merchant sent is vetted; a preparer marks what it fills in.
            Glossary = [.. (body.Glossary ?? []).Select(g => g with { Filled = null })],
            Script = [.. (body.Script ?? []).Select(l => l with { Filled = null })],
            ShowDrafts = body.ShowDrafts ?? false,
            Currency = body.Currency is { Length: 3 } currency && currency.All(char.IsAsciiLetter) ? currency.ToUpperInvariant() : null,
            HostKeyHash = HostKeys.Hash(hostKey),
            CreatedAt = time.GetUtcNow(),
        };
        var quality = new Dictionary<string, LanguageQuality>(StringComparer.OrdinalIgnoreCase);
        foreach (var preparer in preparers)
        {
            foreach (var (language, report) in await preparer.PrepareAsync(session, cancellationToken).ConfigureAwait(false))
            {
                quality[language] = report;
            }
        }

        await store.SaveAsync(session, cancellationToken).ConfigureAwait(false);
        // Every caption language is either answered in the buyer chat or declined here, where the merchant sees it: never silent English.
        var chat = chatLanguages is null ? null : session.TargetLanguages.ToDictionary(l => l, l => chatLanguages.Answers(LiveSession.Primary(l))
            ? "answered"
            : "declined: buyer chat has no texts in this language; buyers writing in it are told, once, that answers come in English");
        return Results.Created($"/api/sessions/{session.Id}", SessionView.From(session, hostKey) with { LanguageQuality = quality, Chat = chat });
    }

    private static async Task<IResult> GetAsync(string id, SessionStore store, CancellationToken cancellationToken)
        => await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } session
            ? Results.Json(SessionView.From(session, hostKey: null))
            : Problem(404, "Unknown session", "There is no live session with this id.");

    private static async Task<IResult> EndAsync(string id, HttpRequest request, SessionStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var (session, error) = await AuthorizeHostAsync(request, id, store, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        session!.EndedAt ??= time.GetUtcNow();
        await store.SaveAsync(session, cancellationToken).ConfigureAwait(false);
        return Results.Json(SessionView.From(session, hostKey: null));
    }

    private static async Task<IResult> SetProductAsync(string id, SetProductRequest? body, HttpRequest request, SessionStore store, ICatalogApi catalog, IEnumerable<ISessionObserver> observers, CancellationToken cancellationToken)
    {
        var (session, error) = await AuthorizeHostAsync(request, id, store, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

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

        session!.CurrentProductId = productId;
        if (!session.ProductList.Contains(productId, StringComparer.OrdinalIgnoreCase))
        {
            session.ProductList.Add(productId);
        }

        await store.SaveAsync(session, cancellationToken).ConfigureAwait(false);
        foreach (var observer in observers)
        {
            await observer.ProductChangedAsync(session, cancellationToken).ConfigureAwait(false);
        }

        return Results.Json(SessionView.From(session, hostKey: null));
    }

    /// <summary>The live's product list in the order buyers see it ("#3" is the third); every id must be in the catalog.</summary>
    private static async Task<IResult> SetProductListAsync(string id, SetProductListRequest? body, HttpRequest request, SessionStore store, ICatalogApi catalog, CancellationToken cancellationToken)
    {
        var (session, error) = await AuthorizeHostAsync(request, id, store, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var wanted = body?.ProductIds?.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted is null)
        {
            return Problem(400, "Products needed", "Send {\"productIds\": [\"YW-100234\", ...]} in the order buyers see them.");
        }

        if (wanted.Count > MaxListedProducts)
        {
            return Problem(400, "Too many products", $"A live lists at most {MaxListedProducts} products; {wanted.Count} were sent.");
        }

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
                return Problem(502, "Products not set", "The catalog did not answer; nothing was changed. Try again.");
            }
            else
            {
                found.Add(canonical);
            }
        }

        if (unknown.Count > 0)
        {
            return Problem(404, "Products not set", $"The catalog has no product {string.Join(", ", unknown)}; nothing was changed.");
        }

        session!.ProductList = found;
        await store.SaveAsync(session, cancellationToken).ConfigureAwait(false);
        return Results.Json(SessionView.From(session, hostKey: null));
    }

    private const int MaxListedProducts = 200;

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);
}

public sealed record CreateSessionRequest(string? Title, string? ShopId, string? SourceLanguage, List<string>? TargetLanguages, List<GlossaryEntry>? Glossary, List<ScriptLine>? Script,
    bool? ShowDrafts = null, string? Currency = null);

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
