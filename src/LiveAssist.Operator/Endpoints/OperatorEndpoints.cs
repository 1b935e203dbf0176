using System.Security.Claims;
using System.Text.Json;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.Dialogs.Content;
using LiveAssist.Dialogs.Flows;
using LiveAssist.Dialogs.Locales;
using LiveAssist.Operator.Accounts;
using LiveAssist.Operator.History;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveAssist.Operator.Endpoints;

/// <summary>
/// <c>/operator/api</c>: sign-in, the dialog and locale files (read, validate as you type, preview a draft,
/// publish), history with diffs and rollback, the content log, the audit log and the missing-texts report.
/// Viewers read and preview; editors also publish and roll back. Files are named by content path only
/// (<see cref="ContentPath"/>), so nothing outside <c>dialogs/</c> and <c>locales/</c> can be reached.
/// </summary>
public static class OperatorEndpoints
{
    public static IEndpointRouteBuilder MapOperator(this IEndpointRouteBuilder app, string signInRateLimitPolicy)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/operator/login", SignInAsync).RequireRateLimiting(signInRateLimitPolicy);
        app.MapPost("/operator/logout", async (HttpContext context, IOperatorSessions sessions, CancellationToken ct) =>
        {
            await AccountSignIn.SignOutAsync(context, sessions, ct).ConfigureAwait(false);
            return Results.NoContent();
        });
        if (app.ServiceProvider.GetRequiredService<IOptions<OperatorOptions>>().Value.OpenIdConnect.IsConfigured)
        {
            app.MapGet("/operator/login/oidc", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/operator" }, [OperatorAuthentication.OpenIdScheme]));
        }

        var read = app.MapGroup("/operator/api").RequireAuthorization(OperatorRoles.ReadPolicy);
        var write = app.MapGroup("/operator/api").RequireAuthorization(OperatorRoles.WritePolicy);
        read.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new { name = user.Identity?.Name, role = OperatorAuthentication.RoleOf(user) }));
        read.MapGet("/files", ListFiles);
        read.MapGet("/file", GetFile);
        read.MapPost("/validate", Validate);
        read.MapPost("/preview", PreviewAsync);
        read.MapGet("/history", async (string? path, ContentHistory history, CancellationToken ct)
            => path is not null && !ContentPath.IsValid(path) ? PathRefused(path) : Results.Ok(Summaries(await history.ListAsync(path, 200, ct).ConfigureAwait(false))));
        read.MapGet("/history/{id:long}", HistoryEntryAsync);
        read.MapGet("/log", (ContentLog log) => Results.Ok(log.Recent(200)));
        read.MapGet("/audit", async (ContentHistory history, CancellationToken ct) => Results.Ok(await history.AuditLogAsync(200, ct).ConfigureAwait(false)));
        read.MapGet("/missing-texts", (DialogContentStore store) => Results.Ok(LocaleTexts.MissingKeys(store.Current.TextTable, store.Current.Texts.Fallbacks.FirstOrDefault() ?? "en")));
        read.MapGet("/schema", () => Results.Text(FlowReader.SchemaText, "application/schema+json"));
        write.MapPut("/file", PublishAsync);
        write.MapPost("/history/{id:long}/rollback", RollbackAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(SignInRequest? request, HttpContext context, OperatorAccounts accounts, IOperatorSessions sessions, ContentHistory history, CancellationToken cancellationToken)
    {
        var account = accounts.Verify(request?.Name, request?.Password);
        if (account is null)
        {
            await history.AuditAsync(Bounded(request?.Name) ?? "?", "sign-in refused", null, null, cancellationToken).ConfigureAwait(false);
            return Results.Problem(statusCode: 401, title: "Sign-in failed", detail: "The name or password is wrong.");
        }

        await AccountSignIn.SignInAsync(context, account, sessions, cancellationToken).ConfigureAwait(false);
        await history.AuditAsync(account.Name, "sign-in", null, null, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { name = account.Name, role = account.Role });
    }

    private static IResult ListFiles(DialogContentStore store)
    {
        var paths = store.Current.Files.Keys.Concat(store.Rejected.Keys).Distinct().Order(StringComparer.Ordinal);
        return Results.Ok(paths.Select(path => new
        {
            path,
            kind = ContentPath.KindOf(path) switch { ContentKind.Flow => "flow", ContentKind.Review => "review", _ => "texts" },
            inForce = store.Current.Files.ContainsKey(path),
            problems = store.Rejected.GetValueOrDefault(path) ?? [],
        }));
    }

    private static IResult GetFile(string? path, DialogContentStore store)
    {
        if (!ContentPath.IsValid(path))
        {
            return PathRefused(path);
        }

        var onDisk = File.Exists(store.Files.FullPath(path!)) ? File.ReadAllText(store.Files.FullPath(path!)) : null;
        var inForce = store.Current.Files.GetValueOrDefault(path!);
        return onDisk is null && inForce is null
            ? Results.Problem(statusCode: 404, title: "No such file", detail: $"There is no {path}.")
            : Results.Ok(new { path, text = inForce ?? onDisk, onDisk, version = store.Current.Version, problems = store.Rejected.GetValueOrDefault(path!) ?? [] });
    }

    private static IResult Validate(ValidateRequest? request, DialogContentStore store)
    {
        if (!ContentPath.IsValid(request?.Path))
        {
            return PathRefused(request?.Path);
        }

        var build = store.Preview(new Dictionary<string, string> { [request!.Path!] = request.Text ?? string.Empty });
        return Results.Ok(new { ok = build.Succeeded, problems = build.Problems });
    }

    private static async Task<IResult> PreviewAsync(PreviewRequest? request, DialogContentStore store, BotAdapter adapter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var drafts = request?.Drafts ?? [];
        if (drafts.Keys.FirstOrDefault(p => !ContentPath.IsValid(p)) is { } bad)
        {
            return PathRefused(bad);
        }

        if (request!.Text is { Length: > 4000 })
        {
            return Results.Problem(statusCode: 400, title: "Too long", detail: "A preview message is at most 4000 characters.");
        }

        var build = store.Preview(drafts);
        if (build.Content is not { } content)
        {
            return Results.UnprocessableEntity(new { problems = build.Problems, replies = Array.Empty<object>() });
        }

        // The preview runs the real bot on a conversation of its own, with the draft instead of the published flows.
        var conversation = "preview-" + (Bounded(request.Conversation) ?? Guid.NewGuid().ToString("N")) + "-" + user.Identity?.Name;
        var activity = new Activity
        {
            Type = request.Start ? ActivityTypes.ConversationUpdate : request.Event is not null ? ActivityTypes.Event : ActivityTypes.Message,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = "preview",
            ServiceUrl = "http://127.0.0.1/operator/preview",
            Conversation = new ConversationAccount { Id = conversation },
            From = new ChannelAccount { Id = "operator:" + user.Identity?.Name, Name = user.Identity?.Name },
            Recipient = new ChannelAccount { Id = "bot", Name = "LiveAssist" },
            Locale = Bounded(request.Locale),
            Text = request.Start ? null : request.Text,
            Name = Bounded(request.Event),
            DeliveryMode = "expectReplies",
            MembersAdded = request.Start ? [new ChannelAccount { Id = "operator:" + user.Identity?.Name }] : null,
        };
        var result = await adapter.ProcessAsync(activity, cancellationToken, new Dictionary<string, object> { [DialogPreview.ContentKey] = content }).ConfigureAwait(false);
        return Results.Ok(new
        {
            problems = build.Problems,
            replies = (result.ExpectedReplies ?? []).Select(a => new { text = a.Text, attachments = a.Attachments, suggestedActions = a.SuggestedActions?.Actions?.Select(x => x.Title) }),
        });
    }

    private static async Task<IResult> PublishAsync(string? path, FileEdit? edit, DialogContentStore store, ContentHistory history, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!ContentPath.IsValid(path))
        {
            return PathRefused(path);
        }

        if (edit?.Text is not { Length: > 0 and <= 512 * 1024 } text)
        {
            return Results.Problem(statusCode: 400, title: "No text", detail: "Send the file's full text (at most 512 KB) as 'text'.");
        }

        var author = user.Identity?.Name ?? "?";
        var build = await store.PublishAsync(path!, text, author, "publish", cancellationToken).ConfigureAwait(false);
        await history.AuditAsync(author, build.Succeeded ? "publish" : "publish refused", path, build.Succeeded ? Bounded(edit.Message) : string.Join("; ", build.Errors.Take(3)), cancellationToken).ConfigureAwait(false);
        return build.Succeeded
            ? Results.Ok(new { path, version = store.Current.Version, problems = build.Problems })
            : Results.UnprocessableEntity(new { path, problems = build.Problems });
    }

    private static async Task<IResult> HistoryEntryAsync(long id, ContentHistory history, CancellationToken cancellationToken)
    {
        if (await history.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } version)
        {
            return Results.Problem(statusCode: 404, title: "No such version", detail: $"There is no version {id}.");
        }

        var previous = await history.PreviousAsync(version, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { version, previousId = previous?.Id, diff = LineDiff.Compute(previous?.Text, version.Text) });
    }

    private static async Task<IResult> RollbackAsync(long id, DialogContentStore store, ContentHistory history, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await history.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { Text: { } text } version)
        {
            return Results.Problem(statusCode: 404, title: "No such version", detail: $"There is no version {id} with a text to go back to.");
        }

        var author = user.Identity?.Name ?? "?";
        var build = await store.PublishAsync(version.Path, text, author, "rollback", cancellationToken).ConfigureAwait(false);
        await history.AuditAsync(author, build.Succeeded ? "rollback" : "rollback refused", version.Path, $"to version {id}", cancellationToken).ConfigureAwait(false);
        return build.Succeeded
            ? Results.Ok(new { path = version.Path, version = store.Current.Version, restored = id })
            : Results.UnprocessableEntity(new { path = version.Path, problems = build.Problems });
    }

    private static IEnumerable<object> Summaries(IEnumerable<ContentVersion> versions)
        => versions.Select(v => new { v.Id, v.Path, v.Author, v.At, v.Action, removed = v.Text is null });

    private static IResult PathRefused(string? path)
        => Results.Problem(statusCode: 400, title: "Not a dialog or locale file",
            detail: $"'{Bounded(path)}' is refused: operators edit dialogs/<name>.json and locales/<lang>/<name>.json only (lower-case names, no folders or '..').");

    private static string? Bounded(string? value) => value is null ? null : value.Length > 100 ? value[..100] : value;
}
