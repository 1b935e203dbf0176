using LiveAssist.EngineChains;
using LiveAssist.Translation.Figures;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Translation.Chain;

/// <summary>
/// Runs the configured caption translators in order (<c>Translator:Engines</c>). An engine that
/// throws or takes longer than <see cref="TranslatorOptions.EngineTimeoutMs"/> hands the caption to
/// the next; so does a language whose translation changed a figure or dropped a glossary term.
/// The offline engine is always last. Accepted translations are cached by text, language pair and
/// the session's glossary version.
/// </summary>
public sealed partial class CaptionTranslationChain
{
    public const string FallbackFlag = "fallback";
    public const string FiguresRetranslatedFlag = "figures-retranslated";

    private readonly IReadOnlyList<int> _all;
    private readonly IReadOnlyList<int> _external;
    private readonly TranslatorOptions _options;
    private readonly MemoryCache _cache;
    private readonly ILogger<CaptionTranslationChain> _logger;

    public CaptionTranslationChain(IServiceProvider services, IOptions<TranslatorOptions> options, EngineChainMetrics metrics, ILogger<CaptionTranslationChain> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _logger = logger;
        var names = KeyedEngines.Normalize(_options.Engines);
        if (!names.Contains(Offline.OfflineCaptionTranslator.EngineName))
        {
            names.Add(Offline.OfflineCaptionTranslator.EngineName);
        }

        // A name nobody registered is left out of the order (and of /readyz): the fallback flag counts engines that exist.
        var engines = KeyedEngines.Resolve<ICaptionTranslator>(services, names, name => LogUnknownEngine(logger, name)).Where(e => e.Engine is not null);
        Engines = new EngineChain<ICaptionTranslator>(EngineKinds.Translator, engines, new FallbackRule { Timeout = TimeSpan.FromMilliseconds(_options.EngineTimeoutMs) }, metrics);
        _all = [.. Enumerable.Range(0, Engines.Engines.Count)];
        _external = [.. _all.Where(i => Engines.Engines[i].Name != Offline.OfflineCaptionTranslator.EngineName)];
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(100, _options.CacheEntries) });
    }

    /// <summary>The chain itself: the order (for <c>/readyz</c>), each engine's time limit, health and metrics.</summary>
    public EngineChain<ICaptionTranslator> Engines { get; }

    public IReadOnlyList<string> EngineNames => Engines.Names;

    /// <summary>
    /// Translations by language. A language no engine could translate with correct figures is left
    /// out: the caller holds that caption back rather than show a wrong price.
    /// </summary>
    public Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
        => TranslateAsync(request, _all, cancellationToken);

    /// <summary>True when engines other than the offline one are configured.</summary>
    public bool HasExternalEngines => _external.Count > 0;

    /// <summary>Only the configured external engines (cloud, local model servers), with the same checks; languages none of them did are left out.</summary>
    public Task<IReadOnlyDictionary<string, TranslationResult>> TranslateExternallyAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
        => TranslateAsync(request, _external, cancellationToken);

    /// <param name="engines">Places in <see cref="Engines"/>' order to try, in order.</param>
    private async Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, IReadOnlyList<int> engines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accepted = new Dictionary<string, TranslationResult>(StringComparer.OrdinalIgnoreCase);
        var cacheable = !request.IsPartial;
        var remaining = new List<string>();
        foreach (var language in request.To.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (cacheable && _cache.TryGetValue(CacheKey(request, language), out TranslationResult? cached) && cached is not null)
            {
                accepted[language] = cached;
            }
            else
            {
                remaining.Add(language);
            }
        }

        // The merchant's own translation of a script line is trusted as written: no engine is asked, no guard second-guesses it.
        foreach (var language in remaining.ToList())
        {
            if (Offline.OfflineCaptionTranslator.VettedScriptLine(request, language) is { } vetted)
            {
                accepted[language] = vetted;
                remaining.Remove(language);
            }
        }

        var figures = FigureReader.Read(request.Text, request.SpokenCurrency);
        var rejectedFigures = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < engines.Count && remaining.Count > 0; index++)
        {
            var engine = Engines.Engines[engines[index]].Engine!;
            var isLast = index == engines.Count - 1 && engine.Name == Offline.OfflineCaptionTranslator.EngineName;
            var results = await TryEngineAsync(engines[index], request with { To = remaining }, isLast, cancellationToken).ConfigureAwait(false);
            if (results is null)
            {
                continue;
            }

            foreach (var language in remaining.ToList())
            {
                if (!results.TryGetValue(language, out var result) || (!result.IsTranslated && !isLast))
                {
                    continue;
                }

                var check = FiguresGuard.Check(figures, result.Text, language);
                if (!check.IsCorrect)
                {
                    LogFiguresRejected(_logger, engine.Name, language, check.ToString());
                    rejectedFigures[language] = $"{result.Engine} changed the figures ({check})";
                    continue;
                }

                if (MissingGlossaryTerm(request, language, result.Text) is { } term && !isLast)
                {
                    LogGlossaryRejected(_logger, engine.Name, language, term);
                    continue;
                }

                var flags = result.Flags.ToList();
                if (index > 0)
                {
                    flags.Add(FallbackFlag);
                }

                if (rejectedFigures.TryGetValue(language, out var why))
                {
                    flags.Add(FiguresRetranslatedFlag);
                }

                // Only the offline engine knows which clauses of its own draft are safe to show.
                var final = result with
                {
                    Flags = [.. flags.Distinct()],
                    Note = why is null ? result.Note : "retranslated: " + why,
                    SafeText = engine.Name == Offline.OfflineCaptionTranslator.EngineName ? result.SafeText : null,
                };
                accepted[language] = final;
                remaining.Remove(language);
                if (cacheable)
                {
                    _cache.Set(CacheKey(request, language), final, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(2) });
                }
            }
        }

        foreach (var language in engines.Count == _all.Count ? remaining : [])
        {
            // No engine kept the figures: buyers get the figures themselves, rendered from the source, rather than nothing.
            LogHeldBack(_logger, language);
            var safe = FiguresOnly(figures, language);
            accepted[language] = new TranslationResult(safe, "figures-only", false, [TranslationFlags.FiguresOnly])
            {
                SafeText = safe,
                Note = "held back: " + (rejectedFigures.GetValueOrDefault(language) ?? "no engine translated it") + "; buyers see only its figures",
            };
        }

        return accepted;
    }

    private async Task<IReadOnlyDictionary<string, TranslationResult>?> TryEngineAsync(int place, CaptionTranslationRequest request, bool isLast, CancellationToken cancellationToken)
    {
        // The last resort has nobody to hand over to: it gets longer (it bounds its own slow steps).
        TimeSpan? limit = isLast ? TimeSpan.FromMilliseconds(Math.Max(_options.EngineTimeoutMs, _options.LastEngineTimeoutMs)) : null;
        var attempt = await Engines.TryAsync(place, (engine, ct) => engine.TranslateAsync(request, ct), cancellationToken, limit).ConfigureAwait(false);
        if (attempt.Failure is { } failure)
        {
            LogEngineFailed(_logger, Engines.Engines[place].Engine!.Name, failure.Reason);
            return null;
        }

        return attempt.Value;
    }

    /// <summary>A line's figures as buyers in <paramref name="language"/> write them, joined: "US$1.85 each · 500 pcs".</summary>
    public static string FiguresOnly(IReadOnlyList<Figure> figures, string language)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var parts = new List<string>();
        foreach (var figure in figures)
        {
            var text = UnitWords.Render(figure, language);
            if (figure.Kind == FigureKind.PerUnit && parts.Count > 0)
            {
                parts[^1] += " " + text;
            }
            else if (figure.Kind != FigureKind.PerUnit)
            {
                parts.Add(text);
            }
        }

        return string.Join(" · ", parts);
    }

    private static string? MissingGlossaryTerm(CaptionTranslationRequest request, string language, string text)
    {
        foreach (var term in request.Session.Glossary)
        {
            if (term.Source.Length > 0 && request.Text.Contains(term.Source, StringComparison.OrdinalIgnoreCase))
            {
                var expected = term.Translations is not null && term.Translations.TryGetValue(language, out var given) ? given : term.Source;
                if (!text.Contains(expected, StringComparison.Ordinal))
                {
                    return expected;
                }
            }
        }

        return null;
    }

    private static (string, string, string, string, string) CacheKey(CaptionTranslationRequest request, string language)
        => (request.Text, request.From, language, request.Session.Version, request.SpokenCurrency);

    [LoggerMessage(1, LogLevel.Warning, "Translator:Engines names '{Engine}', which is not available; skipped")]
    private static partial void LogUnknownEngine(ILogger logger, string engine);

    [LoggerMessage(2, LogLevel.Warning, "Translation engine {Engine} failed ({Reason}); the next engine takes the caption")]
    private static partial void LogEngineFailed(ILogger logger, string engine, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Engine {Engine} changed the figures of a {Language} caption ({Check}); retranslating with the next engine")]
    private static partial void LogFiguresRejected(ILogger logger, string engine, string language, string check);

    [LoggerMessage(4, LogLevel.Warning, "Engine {Engine} dropped glossary term '{Term}' in {Language}; retranslating with the next engine")]
    private static partial void LogGlossaryRejected(ILogger logger, string engine, string language, string term);

    [LoggerMessage(5, LogLevel.Error, "No engine translated a caption into {Language} with correct figures; buyers see its figures only")]
    private static partial void LogHeldBack(ILogger logger, string language);
}
