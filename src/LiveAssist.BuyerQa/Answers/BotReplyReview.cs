using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.BuyerQa.Flows;
using LiveAssist.Dialogs.Content;
using LiveAssist.Review;
using LiveAssist.Sessions;
using Microsoft.Extensions.Logging;

namespace LiveAssist.BuyerQa.Answers;

/// <summary>
/// The bot's own answers go through the compliance review as the host's captions do (issue 19): a catalog title, a
/// merchant's description or an operator's text saying "eco-friendly" or "Made in USA" to a buyer whose market bans it
/// is cut from the message before it leaves, and the live's review record says so. Every outgoing message and
/// card text is checked with the patterns of the buyer's language for that language's markets.
/// </summary>
public sealed partial class BotReplyReview(LineReviewer reviewer, IReplyReviewLog log, DialogContentStore content, TimeProvider time, ILogger<BotReplyReview> logger) : IMiddleware
{
    public Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (reviewer.Enabled)
        {
            turnContext.OnSendActivity((turn, activity, send) => ReviewAsync(turn, activity, send, cancellationToken));
        }

        return next(cancellationToken);
    }

    private async Task<ResourceResponse> ReviewAsync(ITurnContext turn, Activity activity, Func<Task<ResourceResponse>> send, CancellationToken cancellationToken)
    {
        if (activity.Type != ActivityTypes.Message)
        {
            return await send().ConfigureAwait(false);
        }

        var lang = LiveSession.Primary(activity.Locale ?? turn.Activity.Locale ?? "en");
        var findings = new List<ReviewFinding>();
        var said = new List<string>();
        var sent = new List<string>();

        if (activity.Text is { Length: > 0 } text)
        {
            activity.Text = Check(lang, text, findings, said, sent);
        }

        if (activity.Attachments is { Count: > 0 } attachments)
        {
            foreach (var attachment in attachments)
            {
                if (attachment.ContentType == Attachment.AdaptiveCardContentType && attachment.Content is { } card && JsonNode.Parse(card.GetRawText()) is JsonObject node)
                {
                    var before = findings.Count;
                    CheckCard(lang, node, findings, said, sent);
                    if (findings.Count > before)
                    {
                        attachment.Content = JsonSerializer.SerializeToElement(node);
                    }
                }
            }
        }

        if (findings.Count == 0)
        {
            return await send().ConfigureAwait(false);
        }

        // Nothing left to say: the buyer is told the shop will answer rather than getting an empty message.
        if (string.IsNullOrWhiteSpace(activity.Text) && activity.Attachments is not { Count: > 0 })
        {
            activity.Text = content.Current.Texts.Get(lang, "qa.reviewWithheld");
        }

        var session = turn.TurnState.TryGetValue(BuyerTurn.Key, out var value) ? ((BuyerTurn)value).Session : null;
        var reply = new ReviewedReply("rr-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(), session?.Id, time.GetUtcNow(),
            ReviewedReply.Bot, lang, string.Join("\n", said), string.Join("\n", sent), findings);
        try
        {
            await log.AddAsync(reply, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The record failing must not cost the buyer the answer; the log line keeps the finding.
            LogNotRecorded(logger, string.Join(",", findings.Select(f => f.Rule)), e.Message);
        }

        return await send().ConfigureAwait(false);
    }

    private string Check(string lang, string text, List<ReviewFinding> findings, List<string> said, List<string> sent)
    {
        var check = reviewer.ReviewCaption(lang, text, final: true);
        if (check.Findings.Count == 0)
        {
            return text;
        }

        findings.AddRange(check.Findings);
        said.Add(text);
        sent.Add(check.Carried);
        return check.Carried;
    }

    // Every text a card shows or reads out: TextBlock and TextRun "text", a Fact's "title" and "value", an Image's "altText".
    private void CheckCard(string lang, JsonNode node, List<ReviewFinding> findings, List<string> said, List<string> sent)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in (string[])["text", "title", "value", "altText"])
                {
                    if (obj[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
                    {
                        var carried = Check(lang, s, findings, said, sent);
                        if (!ReferenceEquals(carried, s))
                        {
                            obj[name] = carried;
                        }
                    }
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (key is not ("data" or "url") && child is JsonObject or JsonArray)
                    {
                        CheckCard(lang, child!, findings, said, sent);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        CheckCard(lang, item, findings, said, sent);
                    }
                }

                break;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Compliance review: a bot reply was changed ({Rules}) but could not be recorded: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string rules, string reason);
}
