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
}
