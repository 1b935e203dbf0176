using System.ComponentModel.DataAnnotations;

namespace LiveAssist.BuyerQa;

/// <summary>Bound from <c>BuyerQa</c>.</summary>
public sealed class BuyerQaOptions
{
    public const string SectionName = "BuyerQa";

    /// <summary>Longest question the bot reads; longer ones are refused politely (nothing is lost: the buyer can resend).</summary>
    [Range(50, 20_000)]
    public int MaxQuestionChars { get; set; } = 2000;

    /// <summary>
    /// Where buyers' clients reach this host (https://shop.example.com), to turn the catalog's local picture paths
    /// into links Teams can load. Unset: Web Chat on this host loads them as they are; other channels show no picture.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Open questions one buyer conversation may have in the merchant's queue (5). Past it, and for a question
    /// already open, nothing new is queued: a flood from one token cannot bury the merchant's queue.
    /// </summary>
    [Range(1, 1000)]
    public int MaxOpenHandoffsPerConversation { get; set; } = 5;

    /// <summary>Quote requests one buyer conversation may leave (10); the same request twice is kept once.</summary>
    [Range(1, 10_000)]
    public int MaxLeadsPerConversation { get; set; } = 10;

    /// <summary>Replies to buyers the compliance review fired on, kept per live for its record.</summary>
    [Range(1, 100_000)]
    public int MaxReviewedRepliesPerSession { get; set; } = 2000;
}
