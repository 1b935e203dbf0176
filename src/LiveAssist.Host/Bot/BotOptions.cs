namespace LiveAssist.Host.Bot;

/// <summary>Which bot answers. Bound from <c>Bot</c>.</summary>
internal sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary><c>buyer</c> (the product) or <c>echo</c> (benchmarks of the protocol layer only).</summary>
    public string Handler { get; set; } = "buyer";
}
