using System.Security.Claims;
using System.Text.RegularExpressions;
using LiveAssist.Dialogs.Content;
using LiveAssist.Operator.History;
using LiveAssist.Operator.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveAssist.Operator.Endpoints;

/// <summary>
/// <c>/operator/api/texts</c>: the side-by-side form. One locale file name across all languages, one row per key
/// with each language's text and the languages that are out of date; saving a row goes through the same
/// validated publish as the JSON editor, all its languages at once or none.
/// </summary>
public static partial class TextEndpoints
{
    public const int MaxTextLength = 4000;
    public const int MaxLanguagesPerSave = 30;

    public static IEndpointRouteBuilder MapOperatorTexts(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/operator/api").RequireAuthorization(OperatorRoles.ReadPolicy).MapGet("/texts", GetAsync);
        app.MapGroup("/operator/api").RequireAuthorization(OperatorRoles.WritePolicy).MapPut("/texts", SaveAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(string? file, DialogContentStore store, TextReviewMarks marks, CancellationToken cancellationToken)
    {
        var files = store.Current.Files;
        var names = LocaleTextTable.FileNames(files);
        file ??= names.Contains("bot") ? "bot" : names.FirstOrDefault();
        if (file is null || !names.Contains(file))
        {
            return Problem(404, "没有这个文本文件", $"locales/*/{Bounded(file)}.json 不存在。There is no such locale file.");
        }

        var languages = LocaleTextTable.PathsOf(files, file).Keys.ToList();
        var order = store.Current.Texts.Fallbacks.Concat(languages).Distinct().ToList();
        var rows = LocaleTextTable.Rows(files, file, order);
        var outOfDate = await marks.OutOfDateAsync(file, rows.ToDictionary(r => r.Key, r => (IReadOnlyCollection<string>)r.Cells.Keys.ToList()), cancellationToken).ConfigureAwait(false);
        return Results.Ok(new
        {
            file,
            files = names,
            languages = order.Where(languages.Contains),
            rows = rows.Select(r => new
            {
                key = r.Key,
                cells = r.Cells.ToDictionary(c => c.Key, c => new { text = c.Value.Text, list = c.Value.IsList }),
                outOfDate = outOfDate.GetValueOrDefault(r.Key),
            }),
        });
    }

    private static async Task<IResult> SaveAsync(TextSave? request, DialogContentStore store, ContentHistory history, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var files = store.Current.Files;
        if (request?.File is not { } file || !LocaleTextTable.FileNames(files).Contains(file))
        {
            return Problem(400, "没有这个文本文件", "请选择一个现有的文本文件（如 bot、qa）。Choose an existing locale file.");
        }

        if (request.Key is not { Length: > 0 and <= 100 } key || !KeyPattern().IsMatch(key))
        {
            return Problem(400, "文本键无效", "文本键只能用字母、数字、点、横线和下划线，最多 100 个字符。A key is letters, digits, '.', '-' and '_', at most 100 characters.");
        }

        if (request.Values is not { Count: > 0 and <= MaxLanguagesPerSave } values)
        {
            return Problem(400, "没有要保存的内容", "至少修改一种语言的文本。Change the text in at least one language.");
        }

        var paths = LocaleTextTable.PathsOf(files, file);
        if (values.Keys.FirstOrDefault(l => !paths.ContainsKey(l)) is { } unknown)
        {
            return Problem(400, "没有这种语言", $"locales/{Bounded(unknown)}/{file}.json 不存在。There is no such language folder.");
        }

        if (values.FirstOrDefault(v => v.Value is { Length: > MaxTextLength }) is { Key: { } tooLong })
        {
            return Problem(400, "文本太长", $"{tooLong} 的文本最多 {MaxTextLength} 个字符。A text is at most {MaxTextLength} characters.");
        }

        var rows = LocaleTextTable.Rows(files, file, []).ToDictionary(r => r.Key, StringComparer.Ordinal);
        var cells = rows.GetValueOrDefault(key)?.Cells;
        var edits = values.ToDictionary(
            v => paths[v.Key],
            v => LocaleFileEdit.With(files[paths[v.Key]], key, v.Value ?? string.Empty, cells?.GetValueOrDefault(v.Key)?.IsList ?? false),
            StringComparer.Ordinal);
        var author = user.Identity?.Name ?? "?";
        var build = await store.PublishAsync(edits, author, "texts", cancellationToken).ConfigureAwait(false);
        await history.AuditAsync(author, build.Succeeded ? "publish" : "publish refused", $"locales/*/{file}.json", build.Succeeded
            ? $"{key}: {string.Join(", ", values.Keys)}" : string.Join("; ", build.Errors.Take(3).Select(e => e.Message)), cancellationToken).ConfigureAwait(false);
        return build.Succeeded
            ? Results.Ok(new { file, key, version = store.Current.Version, saved = values.Keys })
            : Results.UnprocessableEntity(new { title = "未保存：文本有错误", file, key, problems = build.Problems.Where(p => p.IsError) });
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);

    private static string? Bounded(string? value) => value is null ? null : value.Length > 100 ? value[..100] : value;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}

/// <summary>A row saved from the form: the file name (<c>bot</c>), the key, and the new text per edited language.</summary>
public sealed record TextSave(string? File, string? Key, Dictionary<string, string?>? Values);
