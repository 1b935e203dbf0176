using System.Security.Cryptography;

namespace LiveAssist.Sessions;

/// <summary>
/// Turns a start-a-live request into a session that is not yet saved, or a problem saying (in Chinese first)
/// what to fix. Every string from outside is bounded here, so a refused request saves nothing at all.
/// </summary>
internal static class SessionDraft
{
    private const int MaxTitleChars = 200;
    private const int MaxTermChars = 100;
    private const int MaxTranslationChars = 300;
    private const int MaxScriptLineChars = 500;
    private const int MaxShopIdChars = 64;
    private const int MaxProducts = 200;

    public static (LiveSession? Session, SessionProblem? Problem) Build(CreateSessionRequest? body, SessionsOptions options, DateTimeOffset now)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Title) || body.Title.Length > MaxTitleChars)
        {
            return Refuse("标题", $"请给直播起一个标题（最多 {MaxTitleChars} 个字）。Give the live a title of at most {MaxTitleChars} characters.");
        }

        var supported = options.SupportedLanguages;
        var targets = (body.TargetLanguages ?? ["en"]).Take(64).Select(l => (l ?? string.Empty).Trim()).Where(l => l.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = targets.Where(t => t.Length > 16 || !supported.Contains(t.Split('-')[0], StringComparer.OrdinalIgnoreCase)).ToList();
        if (targets.Count == 0 || unknown.Count > 0)
        {
            return Refuse("字幕语言", $"字幕语言只能从这些里选：{string.Join(", ", supported)}。Target languages must be among: {string.Join(", ", supported)}."
                + (unknown.Count > 0 ? $" 不支持 Not supported: {string.Join(", ", unknown.Take(5).Select(u => u.Length > 16 ? u[..16] + "…" : u))}." : string.Empty));
        }

        if (body.ShopId is { Length: > MaxShopIdChars })
        {
            return Refuse("店铺", $"店铺编号最多 {MaxShopIdChars} 个字符。A shop id has at most {MaxShopIdChars} characters.");
        }

        var glossary = body.Glossary ?? [];
        if (glossary.Count > options.MaxGlossaryEntries)
        {
            return Refuse("词汇表", $"词汇表最多 {options.MaxGlossaryEntries} 条，这次有 {glossary.Count} 条；请删掉不常说的词再开播。直播没有创建。"
                + $" A glossary has at most {options.MaxGlossaryEntries} terms ({glossary.Count} sent); nothing was saved.");
        }

        for (var i = 0; i < glossary.Count; i++)
        {
            if (CheckText(glossary[i]?.Source, MaxTermChars, glossary[i]?.Translations, $"词汇表第 {i + 1} 行", $"glossary row {i + 1}") is { } problem)
            {
                return (null, problem);
            }
        }

        var script = body.Script ?? [];
        if (script.Count > options.MaxScriptLines)
        {
            return Refuse("台词", $"台词最多 {options.MaxScriptLines} 句，这次有 {script.Count} 句。直播没有创建。A script has at most {options.MaxScriptLines} lines; nothing was saved.");
        }

        for (var i = 0; i < script.Count; i++)
        {
            if (CheckText(script[i]?.Source, MaxScriptLineChars, script[i]?.Translations, $"台词第 {i + 1} 句", $"script line {i + 1}") is { } problem)
            {
                return (null, problem);
            }
        }

        var products = (body.ProductIds ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (products.Count > MaxProducts || products.Any(p => p.Length > 64))
        {
            return Refuse("商品", $"一场直播最多 {MaxProducts} 个商品。A live lists at most {MaxProducts} products.");
        }

        var session = new LiveSession
        {
            Id = "ls-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(),
            Title = body.Title.Trim(),
            ShopId = string.IsNullOrWhiteSpace(body.ShopId) ? null : body.ShopId.Trim(),
            SourceLanguage = string.IsNullOrWhiteSpace(body.SourceLanguage) || body.SourceLanguage.Length > 16 ? "zh-CN" : body.SourceLanguage,
            TargetLanguages = targets,
            // What the merchant sent is vetted; a preparer marks what it fills in.
            Glossary = [.. glossary.Select(g => new GlossaryEntry(g.Source.Trim(), Translations(g.Translations)))],
            Script = [.. script.Select(l => new ScriptLine(l.Source.Trim(), Translations(l.Translations)))],
            ProductList = products,
            ShowDrafts = body.ShowDrafts ?? false,
            Currency = body.Currency is { Length: 3 } currency && currency.All(char.IsAsciiLetter) ? currency.ToUpperInvariant() : null,
            CreatedAt = now,
        };
        return (session, null);
    }

    private static SessionProblem? CheckText(string? source, int max, Dictionary<string, string>? translations, string whereZh, string whereEn)
    {
        if (string.IsNullOrWhiteSpace(source) || source.Length > max)
        {
            return new SessionProblem(400, "内容不对 Invalid input", $"{whereZh}的中文不能为空，最多 {max} 个字；直播没有创建。The Chinese of {whereEn} must be 1 to {max} characters; nothing was saved.");
        }

        if (translations is { Count: > 32 } || translations?.Any(t => t.Key.Length > 16 || (t.Value?.Length ?? 0) > MaxTranslationChars) == true)
        {
            return new SessionProblem(400, "内容不对 Invalid input", $"{whereZh}的译文太长（每种语言最多 {MaxTranslationChars} 个字符）；直播没有创建。A translation in {whereEn} is too long; nothing was saved.");
        }

        return null;
    }

    // Empty translations mean "not given" (the form sends empty cells): they are left for the preparer to fill.
    private static Dictionary<string, string> Translations(Dictionary<string, string>? given)
        => (given ?? []).Where(t => !string.IsNullOrWhiteSpace(t.Value))
            .GroupBy(t => LiveSession.Primary(t.Key)).ToDictionary(g => g.Key, g => g.First().Value.Trim(), StringComparer.OrdinalIgnoreCase);

    private static (LiveSession?, SessionProblem?) Refuse(string what, string detail) => (null, new SessionProblem(400, what + "不对", detail));
}

/// <summary>An RFC 7807 problem to answer with.</summary>
public sealed record SessionProblem(int Status, string Title, string Detail);
