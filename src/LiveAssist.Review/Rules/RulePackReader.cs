using System.Text.RegularExpressions;
using LiveAssist.Dialogs.Content;
using Newtonsoft.Json.Linq;

namespace LiveAssist.Review.Rules;

/// <summary>
/// Reads a <c>review/*.json</c> rule pack for the content store. Every problem says its line and, Chinese first, what
/// to change; a pack with any problem is refused whole, and the store keeps its last good version serving.
/// </summary>
public sealed partial class RulePackReader : IContentPackReader
{
    public ContentKind Kind => ContentKind.Review;

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^(\*|[A-Z]{2,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex JurisdictionPattern();

    [GeneratedRegex(@"^[a-z]{2,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();

    public object Read(string path, string text) => ReadPack(path, text);

    public static RulePack ReadPack(string path, string text)
    {
        JToken root;
        try
        {
            root = JsonSource.Parse(path, text);
        }
        catch (ContentException e)
        {
            throw new ContentException([.. e.Problems.Select(p => p with { Message = $"第 {p.Line} 行第 {p.Column} 列：JSON 格式错误（{p.Message}）" })]);
        }

        var problems = new List<ContentProblem>();
        if (root is not JObject pack)
        {
            throw new ContentException([JsonSource.At(path, root, "规则包必须是一个 JSON 对象 {\"id\", \"rules\": [...]}（a rule pack is a JSON object）")]);
        }

        var packId = RequiredString(path, pack, "id", "规则包", problems);
        if (packId is not null && !IdPattern().IsMatch(packId))
        {
            problems.Add(Problem(path, pack["id"], "规则包 id 只能用小写字母、数字和连字符（ids are lower-case letters, digits and dashes）"));
        }

        var title = pack["title"] switch
        {
            JValue { Type: JTokenType.String } v => (string)v!,
            JObject o => (string?)o["zh"] ?? (string?)o["en"] ?? packId ?? path,
            _ => packId ?? path,
        };

        var rules = new List<ReviewRule>();
        if (pack["rules"] is not JArray { Count: > 0 } list)
        {
            problems.Add(Problem(path, pack["rules"] ?? pack, "缺少 \"rules\"：至少要有一条规则（\"rules\" must be a non-empty array）"));
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list)
            {
                if (ReadRule(path, packId ?? "?", item, problems) is { } rule)
                {
                    if (!seen.Add(rule.Id))
                    {
                        problems.Add(Problem(path, item["id"], $"规则 id \"{rule.Id}\" 重复（duplicate rule id）"));
                    }

                    rules.Add(rule);
                }
            }
        }

        return problems.Count > 0 ? throw new ContentException(problems) : new RulePack(path, packId!, title, rules);
    }

    private static ReviewRule? ReadRule(string path, string packId, JToken item, List<ContentProblem> problems)
    {
        if (item is not JObject rule)
        {
            problems.Add(Problem(path, item, "每条规则必须是一个 JSON 对象（each rule is an object）"));
            return null;
        }

        var before = problems.Count;
        var id = RequiredString(path, rule, "id", "规则", problems);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            problems.Add(Problem(path, rule["id"], $"规则 id \"{id}\" 只能用小写字母、数字和连字符（ids are lower-case letters, digits and dashes）"));
        }

        var name = id ?? "?";
        var source = RequiredString(path, rule, "source", $"规则 \"{name}\" 的法规出处", problems);
        var explanation = RequiredString(path, rule, "explanation", $"规则 \"{name}\" 给主播的中文说明", problems);
        var suggestion = RequiredString(path, rule, "suggestion", $"规则 \"{name}\" 的建议说法", problems);
        var severity = RequiredString(path, rule, "severity", $"规则 \"{name}\" 的级别", problems);
        if (severity is not null and not (ReviewFinding.Block or ReviewFinding.Warn))
        {
            problems.Add(Problem(path, rule["severity"], $"规则 \"{name}\" 的 severity 只能是 \"block\" 或 \"warn\"，不是 \"{severity}\"（severity is block or warn）"));
        }

        var jurisdictions = new List<string>();
        if (rule["jurisdictions"] is not JArray { Count: > 0 } places)
        {
            problems.Add(Problem(path, rule["jurisdictions"] ?? rule, $"规则 \"{name}\" 缺少 jurisdictions（适用市场，如 [\"CN\"]、[\"EU\"]、[\"US\"]）（jurisdictions must be a non-empty array）"));
        }
        else
        {
            foreach (var place in places)
            {
                if (place.Type != JTokenType.String || !JurisdictionPattern().IsMatch((string)place!))
                {
                    problems.Add(Problem(path, place, $"规则 \"{name}\" 的适用市场要写成大写代码，如 \"CN\"、\"EU\"、\"US\"，或 \"*\"（a jurisdiction is an upper-case code）"));
                }
                else
                {
                    jurisdictions.Add((string)place!);
                }
            }
        }

        string? replacement = null;
        if (rule["replacement"] is { } r && r.Type != JTokenType.Null)
        {
            replacement = r.Type == JTokenType.String ? (string)r! : null;
            if (replacement is null)
            {
                problems.Add(Problem(path, r, $"规则 \"{name}\" 的 replacement 必须是文字（或省略：整句删去）（replacement is a string）"));
            }
        }

        var patterns = new Dictionary<string, PatternSet>(StringComparer.Ordinal);
        if (rule["patterns"] is not JObject byLanguage || !byLanguage.HasValues)
        {
            problems.Add(Problem(path, rule["patterns"] ?? rule, $"规则 \"{name}\" 缺少 patterns（按语言写，如 {{\"zh\": {{\"terms\": [...]}}}}）（patterns per language are required）"));
        }
        else
        {
            foreach (var (lang, value) in byLanguage)
            {
                if (!LanguagePattern().IsMatch(lang))
                {
                    problems.Add(Problem(path, value, $"规则 \"{name}\" 的 patterns 键 \"{lang}\" 不是语言代码（zh、en、de ...）（a patterns key is a language code）"));
                    continue;
                }

                if (ReadPatterns(path, name, lang, value, problems) is { } set)
                {
                    patterns[lang] = set;
                }
            }
        }

        var cited = rule["cited"] is { } c && c.Type != JTokenType.Null ? ReadCited(path, name, c, problems) : null;

        return problems.Count > before
            ? null
            : new ReviewRule(id!, packId, source!, jurisdictions, severity!, explanation!, suggestion!, replacement, patterns) { Cited = cited };
    }

    // "cited": {"severity": "warn", "explanation": "…", "patterns": {"zh": {"regex": ["据…统计"]}}}
    private static CitedSource? ReadCited(string path, string rule, JToken token, List<ContentProblem> problems)
    {
        if (token is not JObject cited)
        {
            problems.Add(Problem(path, token, $"规则 \"{rule}\" 的 cited 必须是对象 {{\"severity\", \"explanation\", \"patterns\"}}（cited is an object）"));
            return null;
        }

        var before = problems.Count;
        var severity = RequiredString(path, cited, "severity", $"规则 \"{rule}\" 的 cited 级别", problems);
        if (severity is not null and not (ReviewFinding.Block or ReviewFinding.Warn))
        {
            problems.Add(Problem(path, cited["severity"], $"规则 \"{rule}\" 的 cited.severity 只能是 \"block\" 或 \"warn\"（severity is block or warn）"));
        }

        var explanation = RequiredString(path, cited, "explanation", $"规则 \"{rule}\" 的 cited 说明", problems);
        var patterns = new Dictionary<string, PatternSet>(StringComparer.Ordinal);
        if (cited["patterns"] is not JObject byLanguage || !byLanguage.HasValues)
        {
            problems.Add(Problem(path, cited["patterns"] ?? cited, $"规则 \"{rule}\" 的 cited 缺少 patterns（怎样算注明出处，按语言写）（cited.patterns are required）"));
        }
        else
        {
            foreach (var (lang, value) in byLanguage)
            {
                if (LanguagePattern().IsMatch(lang) && ReadPatterns(path, rule, lang, value, problems) is { } set)
                {
                    patterns[lang] = set;
                }
                else if (!LanguagePattern().IsMatch(lang))
                {
                    problems.Add(Problem(path, value, $"规则 \"{rule}\" 的 cited.patterns 键 \"{lang}\" 不是语言代码（a patterns key is a language code）"));
                }
            }
        }

        return problems.Count > before ? null : new CitedSource(severity!, explanation!, patterns);
    }

    private static PatternSet? ReadPatterns(string path, string rule, string lang, JToken? value, List<ContentProblem> problems)
    {
        if (value is not JObject set)
        {
            problems.Add(Problem(path, value, $"规则 \"{rule}\" 的 {lang} 模式必须是对象 {{\"terms\", \"regex\", \"exceptTerms\", \"exceptRegex\"}}（patterns are an object）"));
            return null;
        }

        foreach (var (key, token) in set)
        {
            if (key is not ("terms" or "regex" or "exceptTerms" or "exceptRegex"))
            {
                problems.Add(Problem(path, token, $"规则 \"{rule}\" 的 {lang} 模式里有不认识的键 \"{key}\"，只能是 terms、regex、exceptTerms、exceptRegex（unknown key）"));
            }
        }

        var before = problems.Count;
        var terms = Strings(path, rule, lang, set, "terms", problems, isRegex: false);
        var regexes = Strings(path, rule, lang, set, "regex", problems, isRegex: true);
        var exceptTerms = Strings(path, rule, lang, set, "exceptTerms", problems, isRegex: false);
        var exceptRegexes = Strings(path, rule, lang, set, "exceptRegex", problems, isRegex: true);
        if (terms.Count + regexes.Count == 0)
        {
            problems.Add(Problem(path, set, $"规则 \"{rule}\" 的 {lang} 模式至少要有一个 terms 或 regex（a pattern set needs terms or regex）"));
        }

        return problems.Count > before ? null : PatternSet.Create(terms, regexes, exceptTerms, exceptRegexes);
    }

    private static List<string> Strings(string path, string rule, string lang, JObject set, string key, List<ContentProblem> problems, bool isRegex)
    {
        var values = new List<string>();
        if (set[key] is not { } token || token.Type == JTokenType.Null)
        {
            return values;
        }

        if (token is not JArray array)
        {
            problems.Add(Problem(path, token, $"规则 \"{rule}\" 的 {lang}.{key} 必须是文字列表（must be an array of strings）"));
            return values;
        }

        foreach (var entry in array)
        {
            if (entry.Type != JTokenType.String || ((string)entry!).Trim().Length == 0)
            {
                problems.Add(Problem(path, entry, $"规则 \"{rule}\" 的 {lang}.{key} 里每一项都必须是非空文字（each entry is a non-empty string）"));
                continue;
            }

            var text = (string)entry!;
            if (isRegex && PatternSet.Problem(text) is { } why)
            {
                problems.Add(Problem(path, entry, $"规则 \"{rule}\" 的 {lang}.{key} \"{text}\"：{why}"));
                continue;
            }

            values.Add(isRegex ? text : text.Trim());
        }

        return values;
    }

    private static string? RequiredString(string path, JObject owner, string key, string what, List<ContentProblem> problems)
    {
        if (owner[key] is JValue { Type: JTokenType.String } value && ((string)value!).Trim().Length > 0)
        {
            return ((string)value!).Trim();
        }

        problems.Add(Problem(path, owner[key] ?? owner, $"缺少{what}（\"{key}\" must be a non-empty string）"));
        return null;
    }

    // Chinese first, with the line in the words too: the operator page and the logs show the message without the path.
    private static ContentProblem Problem(string path, JToken? token, string message)
    {
        var at = JsonSource.At(path, token, message);
        return at with { Message = $"第 {at.Line} 行：{message}" };
    }
}
