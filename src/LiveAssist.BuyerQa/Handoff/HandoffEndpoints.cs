using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.BuyerQa.Leads;
using LiveAssist.Dialogs.Locales;
using LiveAssist.Review;
using LiveAssist.Sessions;
using LiveAssist.Sessions.Access;
using LiveAssist.Translation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveAssist.BuyerQa.Handoff;

/// <summary>
/// The merchant's side of the Q&A, all behind the session's host key: the questions handed over,
/// the reply box (translated back and delivered into the buyer's conversation), and the leads CSV.
/// </summary>
public static class HandoffEndpoints
{
    private const int MaxReplyChars = 2000;

    public static void MapBuyerQa(this SessionRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var group = routes.Host;
        group.MapGet("/questions", ListAsync);
        group.MapPost("/questions/{questionId}/reply", ReplyAsync);
        group.MapPost("/questions/{questionId}/reply/preview", PreviewAsync);
        group.MapGet("/leads", LeadsAsync);
        group.MapGet("/leads.csv", LeadsCsvAsync);
    }

    private static async Task<IResult> ListAsync(string id, string? status, IHandoffQueue queue, CancellationToken cancellationToken)
    {

        var items = await queue.ListAsync(id, status is HandoffItem.Open or HandoffItem.Answered ? status : null, cancellationToken).ConfigureAwait(false);
        return Results.Json(items.Select(i => new
        {
            i.Id, i.CreatedAt, i.Status, i.BuyerLanguage, i.Question, i.GistZh, i.QuestionZh, i.QuestionZhEngine, i.Reason, i.ProductId, i.ProductAssumed,
            i.ReplyZh, i.ReplySent, i.ReplyBackZh, i.ReplyEngine, i.ReplyFlags, i.AnsweredAt,
            Channel = i.Reference.ChannelId,
        }));
    }

    private static async Task<IResult> ReplyAsync(string id, string questionId, ReplyRequest? body, AuthorizedSession host,
        IHandoffQueue queue, ITranslator translator, LocaleTexts texts, ProactiveMessenger messenger, LineReviewer reviewer, IReplyReviewLog reviews, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = host.Session;

        var text = body?.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxReplyChars)
        {
            return Results.Problem($"Write a reply of 1 to {MaxReplyChars} characters.", statusCode: 400, title: "Reply needed");
        }

        var item = await queue.GetAsync(questionId, cancellationToken).ConfigureAwait(false);
        if (item is null || (item.SessionId is not null && item.SessionId != id)) // inbox questions (no session) can be answered from any live
        {
            return Results.Problem("No such question in this session.", statusCode: 404, title: "Unknown question");
        }

        // The merchant's reply is a claim to a buyer too: a block finding's clause is not sent (the preview showed it first).
        var review = await ReviewAsync(reviewer, text, item.BuyerLanguage, item.ProductId ?? session.CurrentProductId, cancellationToken).ConfigureAwait(false);
        if (review.Carried.Length == 0)
        {
            return Results.Json(new
            {
                title = "这条回复没有发送 Reply not sent",
                detail = "回复里的说法违反广告法或与商品资料不符，删去后没有可发送的内容，请按建议改写。The reply only holds claims the compliance review blocks; reword it.",
                review = ReviewView(review),
            }, statusCode: 422, contentType: "application/problem+json");
        }

        if (review.Findings.Count > 0)
        {
            await reviews.AddAsync(new ReviewedReply("rr-" + questionId + "-" + time.GetUtcNow().ToUnixTimeMilliseconds(), id, time.GetUtcNow(), ReviewedReply.Merchant,
                item.BuyerLanguage, text, review.Carried, review.Findings), cancellationToken).ConfigureAwait(false);
        }

        text = review.Carried;
        var reply = await ReplyTranslation.ForAsync(text, item.BuyerLanguage, translator, texts, cancellationToken).ConfigureAwait(false);
        await messenger.SendAsync(item.Reference, new Activity { Text = reply.Sent, TextFormat = "plain", Locale = item.BuyerLanguage }, cancellationToken).ConfigureAwait(false);
        await queue.SaveAsync(item with
        {
            Status = HandoffItem.Answered, ReplyZh = text, ReplySent = reply.Sent, AnsweredAt = time.GetUtcNow(),
            ReplyBackZh = reply.BackZh, ReplyEngine = reply.Engine, ReplyFlags = reply.Flags,
        }, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { sent = reply.Sent, engine = reply.Engine, translated = reply.Translated, flags = reply.Flags, draft = reply.Draft, backZh = reply.BackZh, backEngine = reply.BackEngine, review = ReviewView(review) });
    }

    /// <summary>What the buyer would get for this reply, and that translated back into Chinese; nothing is sent.</summary>
    private static async Task<IResult> PreviewAsync(string id, string questionId, ReplyRequest? body, AuthorizedSession host,
        IHandoffQueue queue, ITranslator translator, LocaleTexts texts, LineReviewer reviewer, CancellationToken cancellationToken)
    {
        var session = host.Session;

        var text = body?.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxReplyChars)
        {
            return Results.Problem($"Write a reply of 1 to {MaxReplyChars} characters.", statusCode: 400, title: "Reply needed");
        }

        var item = await queue.GetAsync(questionId, cancellationToken).ConfigureAwait(false);
        if (item is null || (item.SessionId is not null && item.SessionId != id))
        {
            return Results.Problem("No such question in this session.", statusCode: 404, title: "Unknown question");
        }

        var review = await ReviewAsync(reviewer, text, item.BuyerLanguage, item.ProductId ?? session.CurrentProductId, cancellationToken).ConfigureAwait(false);
        var reply = await ReplyTranslation.ForAsync(review.Carried.Length > 0 ? review.Carried : text, item.BuyerLanguage, translator, texts, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { sent = reply.Sent, engine = reply.Engine, translated = reply.Translated, flags = reply.Flags, draft = reply.Draft, backZh = reply.BackZh, backEngine = reply.BackEngine, review = ReviewView(review) });
    }

    // Checked for the buyer's market and against the product asked about (else the one on screen), as a host line is.
    private static async Task<SourceReview> ReviewAsync(LineReviewer reviewer, string text, string? buyerLanguage, string? productId, CancellationToken cancellationToken)
        => await reviewer.ReviewSourceAsync(text, "zh", [LiveSession.Primary(buyerLanguage ?? "en")], productId, final: true, cancellationToken).ConfigureAwait(false);

    private static object? ReviewView(SourceReview review)
        => review.Findings.Count == 0 ? null : new { findings = review.Findings, carried = review.Carried };

    /// <summary>The leads as the console's table shows them: one row per distinct request, newest first.</summary>
    private static async Task<IResult> LeadsAsync(string id, ILeadStore leads, CancellationToken cancellationToken)
    {

        var rows = LeadStore.Distinct(await leads.ListAsync(id, cancellationToken).ConfigureAwait(false));
        return Results.Json(rows.Reverse().Select(l => new
        {
            l.Id, l.CreatedAt, l.ProductId, l.ProductTitle, l.Quantity, l.UnitPrice, l.Total, l.Currency, l.Country, l.BuyerLanguage, l.Channel, l.Contact, l.Question,
        }));
    }

    private static async Task<IResult> LeadsCsvAsync(string id, ILeadStore leads, CancellationToken cancellationToken)
    {

        var csv = LeadStore.ToCsv(LeadStore.Distinct(await leads.ListAsync(id, cancellationToken).ConfigureAwait(false)));
        // UTF-8 with BOM so Excel opens Chinese and accented names correctly.
        return Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"leads-{id}.csv");
    }
}

public sealed record ReplyRequest(string? Text);
