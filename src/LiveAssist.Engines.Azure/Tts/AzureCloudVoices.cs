using LiveAssist.Presenter.Scripts;
using LiveAssist.Presenter.Synthesis;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Engines.Azure.Tts;

/// <summary>
/// The studio's view of the Azure voices. The engine (and its HTTP client, whose address needs a region) is made only
/// when the voices are configured and the list is asked for: reading or saving presenter settings never needs it.
/// </summary>
internal sealed class AzureCloudVoices(AzureTtsOptions options, IServiceProvider services) : ICloudVoices
{
    public string Name => AzureTtsEngine.EngineName;

    public bool IsConfigured => options.HasCredentials;

    public string DefaultVoice(string lang) => PresenterVoices.Azure(lang, options.Voices);

    public async Task<IReadOnlyList<CloudVoice>> ForLanguageAsync(string lang, CancellationToken cancellationToken)
    {
        if (!IsConfigured || services.GetKeyedService<ITextToSpeechEngine>(AzureTtsEngine.EngineName) is not AzureTtsEngine engine)
        {
            return [];
        }

        var voices = await engine.VoicesForAsync(lang, cancellationToken).ConfigureAwait(false);
        return [.. voices.Select(v => new CloudVoice(v.ShortName, v.LocalName ?? v.ShortName, v.Gender, v.Locale))];
    }
}
