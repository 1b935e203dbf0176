using System.Globalization;
using System.Text;
using LiveAssist.Captions.Pipeline;
using LiveAssist.Review;
using LiveAssist.Sessions;
using LiveAssist.Sessions.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveAssist.Captions.Delivery;

/// <summary>
/// <c>GET /api/sessions/{id}/review</c> (contract §7): every final line a compliance or catalog check fired on, what the
/// host said and what was captioned, for the host (host key or the merchant's sign-in). <c>?format=csv</c> is the
/// merchant's record of the live (Chinese headers, UTF-8 BOM, for Excel).
/// </summary>
public static class ReviewEndpoints
{
    public static SessionRoutes MapReview(this SessionRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Host.MapGet("/review", GetAsync);
        return routes;
    }

    private static async Task<IResult> GetAsync(AuthorizedSession host, HttpRequest request, ICaptionStore store, ReviewRules rules, CancellationToken cancellationToken)
    {
        var session = host.Session;

        var lines = await LinesAsync(session, store, cancellationToken).ConfigureAwait(false);
        // The bot's and the merchant's replies to buyers, when the Q&A is in this host (it keeps them).
        var replies = request.HttpContext.RequestServices.GetService(typeof(IReplyReviewLog)) is IReplyReviewLog log
            ? await log.ListAsync(session.Id, cancellationToken).ConfigureAwait(false)
            : [];
        if (string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(lines, replies))).ToArray(), "text/csv; charset=utf-8", $"{session.Id}-review.csv");
        }

        var findings = lines.SelectMany(l => l.Findings.Select(f => new SessionFinding(l.Seq, f.Rule, f.Severity, f.Span, f.Message, f.Suggestion, f.Source, f.Lang, f.Jurisdiction))).ToList();
        return Results.Json(new
        {
            sessionId = session.Id,
            // Machine-made content is labelled as such in every export (China's AI labelling measures, EU AI Act Art. 50).
            label = "AI 生成内容：字幕为机器翻译，已经过合规检查 / AI-generated: machine-translated captions, compliance-checked",
            counts = new
            {
                block = findings.Count(f => f.Severity == ReviewFinding.Block), warn = findings.Count(f => f.Severity == ReviewFinding.Warn), lines = lines.Count,
                replies = replies.Count,
            },
            findings,
            lines,
            replies = replies.Select(r => new { r.At, r.Source, r.Lang, r.Said, r.Sent, r.Findings }),
            rules = rules.Status(),
        });
    }

    /// <summary>The reviewed lines, each once: its findings from the host's Chinese and from every caption language, without repeats.</summary>
    private static async Task<List<ReviewedLine>> LinesAsync(LiveSession session, ICaptionStore store, CancellationToken cancellationToken)
    {
        var bySeq = new SortedDictionary<long, (string Said, string Carried, List<ReviewFinding> Findings)>();
        foreach (var lang in session.CaptionLanguages())
        {
            foreach (var caption in await store.ReadCaptionsAsync(session.Id, lang, 0, cancellationToken).ConfigureAwait(false))
            {
                if (caption.Review is not { Findings.Count: > 0 } review)
                {
                    continue;
                }

                if (!bySeq.TryGetValue(caption.Seq, out var line))
                {
                    line = (review.Said ?? caption.SourceText, caption.SourceText, []);
                    bySeq[caption.Seq] = line;
                }

                foreach (var finding in review.Findings)
                {
                    if (!line.Findings.Any(f => f.Rule == finding.Rule && f.Lang == finding.Lang && f.Span.Start == finding.Span.Start))
                    {
                        line.Findings.Add(finding);
                    }
                }
            }
        }

        return [.. bySeq.Select(p => new ReviewedLine(p.Key, p.Value.Said, p.Value.Carried, p.Value.Findings))];
    }

    private static string Csv(IEnumerable<ReviewedLine> lines, IEnumerable<ReviewedReply> replies)
    {
        var csv = new StringBuilder("序号,级别,规则,出处,语言,原话,命中词,说明,建议,播出内容\r\n");
        foreach (var line in lines)
        {
            foreach (var f in line.Findings)
            {
                csv.AppendJoin(',', new[]
                {
                    line.Seq.ToString(CultureInfo.InvariantCulture), f.Severity == ReviewFinding.Block ? "拦截" : "提醒", f.Rule, f.Source ?? string.Empty, f.Lang,
                    line.Said, f.Span.Text, f.Message, f.Suggestion ?? string.Empty, line.Carried,
                }.Select(Field)).Append("\r\n");
            }
        }

        foreach (var reply in replies)
        {
            foreach (var f in reply.Findings)
            {
                csv.AppendJoin(',', new[]
                {
                    reply.Source == ReviewedReply.Bot ? "机器人回复" : "商家回复", f.Severity == ReviewFinding.Block ? "拦截" : "提醒", f.Rule, f.Source ?? string.Empty, f.Lang,
                    reply.Said, f.Span.Text, f.Message, f.Suggestion ?? string.Empty, reply.Sent,
                }.Select(Field)).Append("\r\n");
            }
        }

        return csv.ToString();
    }

    // Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs a host's words as a formula.
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public sealed record ReviewedLine(long Seq, string Said, string Carried, IReadOnlyList<ReviewFinding> Findings);

    public sealed record SessionFinding(long Seq, string Rule, string Severity, FindingSpan Span, string Message, string? Suggestion, string? Source, string Lang, string? Jurisdiction);
}
