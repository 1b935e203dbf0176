using LiveAssist.Presenter.Scripts;

namespace LiveAssist.Presenter.Synthesis;

/// <summary>
/// The cloud neural voices the studio offers beside espeak-ng (Azure TTS, from the vendor adapters in <c>LiveAssist.Engines.Azure</c>):
/// whether they are configured, the default voice per language and the region's list. Without an adapter there are none.
/// </summary>
public interface ICloudVoices
{
    /// <summary>The voice engine's name in <c>Tts:Engines</c>; the studio's preview asks for it by this name.</summary>
    string Name { get; }

    bool IsConfigured { get; }

    /// <summary>The configured voice for a caption language, or the default one.</summary>
    string DefaultVoice(string lang);

    /// <summary>The region's voices for a caption language (its locale first); empty when not configured or unreachable.</summary>
    Task<IReadOnlyList<CloudVoice>> ForLanguageAsync(string lang, CancellationToken cancellationToken);
}

/// <param name="Id">What a presenter voice choice stores (Azure's ShortName).</param>
public sealed record CloudVoice(string Id, string Name, string? Gender, string Locale);

/// <summary>No cloud voice adapter registered: espeak-ng only.</summary>
internal sealed class NoCloudVoices : ICloudVoices
{
    public string Name => "azure";

    public bool IsConfigured => false;

    public string DefaultVoice(string lang) => PresenterVoices.Azure(lang);

    public Task<IReadOnlyList<CloudVoice>> ForLanguageAsync(string lang, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<CloudVoice>>([]);
}
