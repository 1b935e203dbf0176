namespace LiveAssist.Sessions;

/// <summary>A merchant's live stream: languages, glossary, script, and the products shown so far.</summary>
public sealed class LiveSession
{
    public string Id { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string? ShopId { get; set; }
    public string SourceLanguage { get; set; } = "zh-CN";
    public List<string> TargetLanguages { get; set; } = [];
    public List<GlossaryEntry> Glossary { get; set; } = [];
    public List<ScriptLine> Script { get; set; } = [];

    /// <summary>SHA-256 of the host key; the key itself is shown once, at creation.</summary>
    public string HostKeyHash { get; set; } = string.Empty;

    /// <summary>The host key protected with the host's data-protection keys, so the signed-in owner can reveal it again; null for lives started with the bare API.</summary>
    public string? HostKeyProtected { get; set; }

    /// <summary>The signed-in account that started the live (studio); null when it was started with the bare API.</summary>
    public string? Owner { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The product on screen now ("how much is this?").</summary>
    public string? CurrentProductId { get; set; }

    /// <summary>Every product shown, in order: buyers say "number 3" for the third.</summary>
    public List<string> ProductList { get; set; } = [];

    public bool IsLive => EndedAt is null;

    /// <summary>Show dictionary drafts to buyers (the merchant's choice for this live); off: buyers get vetted clauses, terms and figures only.</summary>
    public bool ShowDrafts { get; set; }

    /// <summary>What 块/元/毛 mean when no product is on screen (ISO 4217, e.g. USD); empty: the products' currency, else CNY.</summary>
    public string? Currency { get; set; }

    /// <summary>How the digital presenter looks and sounds on this live (the studio's 数字人 settings); null: the defaults.</summary>
    public PresenterSettings? Presenter { get; set; }

    /// <summary>The languages captions come in: each target's primary tag, then the source's (the transcript).</summary>
    public IReadOnlyList<string> CaptionLanguages()
        => [.. TargetLanguages.Select(Primary).Append(SourcePrimaryLanguage()).Distinct()];

    public string SourcePrimaryLanguage() => Primary(SourceLanguage);

    public static string Primary(string tag) => tag.Split('-')[0].Trim().ToLowerInvariant();
}

/// <param name="Filled">Languages whose translation an engine or a pivot filled in at creation: not vetted by the merchant.</param>
public sealed record GlossaryEntry(string Source, Dictionary<string, string>? Translations, List<string>? Filled = null);

/// <param name="Filled">Languages whose translation an engine or a pivot filled in at creation: not vetted by the merchant.</param>
public sealed record ScriptLine(string Source, Dictionary<string, string>? Translations, List<string>? Filled = null);
