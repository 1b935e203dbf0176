using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Presenter;

/// <summary>The digital presenter (section <c>Tts</c>).</summary>
public sealed class PresenterOptions
{
    public const string SectionName = "Tts";

    /// <summary>Voices in fallback order: <c>azure</c>, <c>espeak</c>. Empty means <c>["espeak"]</c>.</summary>
    public List<string> Engines { get; set; } = [];

    /// <summary>Voice a line as soon as its caption is final (not only when a page asks for it).</summary>
    public bool Prefetch { get; set; } = true;

    /// <summary>Fastest the presenter may speak to keep within the caption's time on screen (1.5 = 50 % faster).</summary>
    [Range(0.5, 4.0)]
    public double MaxRate { get; set; } = 1.5;

    /// <summary>espeak-ng voice per language, over the defaults in <see cref="Scripts.PresenterVoices"/>.</summary>
    public Dictionary<string, string> EspeakVoices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Lines waiting to be voiced ahead of time; beyond this they are voiced when asked for.</summary>
    [Range(8, 100_000)]
    public int PrefetchQueue { get; set; } = 512;

    /// <summary>Largest presenter model (VRM / GLB) a merchant may upload; under Kestrel's 30 MB request limit.</summary>
    [Range(1, 500)]
    public int MaxModelMegabytes { get; set; } = 25;

    /// <summary>
    /// With hosts sharing Redis: how long one host's claim on voicing a line lasts unless renewed (20 s; the holder renews
    /// it every third of that while it voices). Other hosts asked for the line wait for its holder's line; when the claim
    /// lapses (a holder that died) one of them voices it, and after six times this they voice it themselves in any case.
    /// </summary>
    public int SharedClaimSeconds { get; set; } = 20;

    public IReadOnlyList<string> EngineOrder => Engines.Count > 0 ? Engines : ["espeak"];
}
