using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using LiveAssist.Presenter.Scripts;
using LiveAssist.Presenter.Synthesis;
using Microsoft.Extensions.Logging;

namespace LiveAssist.Engines.Azure.Tts;

/// <summary>
/// Azure neural voices over the REST API. REST gives no word or viseme events, so the timings are
/// espeak-ng's reading of the same script stretched to the Azure audio. A refused key or a 429 makes
/// the engine step aside (for the backoff, or as long as Retry-After says); lines meanwhile go to the
/// next engine, flagged.
/// </summary>
public sealed partial class AzureTtsEngine(IAzureTtsApi api, AzureTtsOptions options, TimeProvider time, ILogger<AzureTtsEngine> logger) : ITextToSpeechEngine
{
    public const string EngineName = "azure";
    private static readonly TimeSpan VoiceListLifetime = TimeSpan.FromHours(1);
    private readonly SemaphoreSlim _voicesGate = new(1, 1);
    private (IReadOnlyList<AzureVoice>? Voices, DateTimeOffset FetchedAt) _voices;
    private DateTimeOffset _awayUntil;

    public string Name => EngineName;

    public async Task<SynthesizedSpeech> SynthesizeAsync(SynthesisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!options.HasCredentials)
        {
            throw new SpeechEngineException(Name, "Tts:Azure needs Key and Region (or UseEntraId and ResourceId)");
        }

        if (time.GetUtcNow() < _awayUntil)
        {
            throw new SpeechEngineException(Name, $"stepped aside until {_awayUntil:HH:mm:ss} UTC");
        }

        var voice = await VoiceForAsync(request.Script.Lang, request.Script.AzureVoice, cancellationToken).ConfigureAwait(false);
        var ssml = SsmlDocument.Azure(request.Script, voice);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
        using var body = new StringContent(ssml, System.Text.Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/ssml+xml");
        HttpResponseMessage response;
        try
        {
            response = await api.SynthesizeAsync(body, options.OutputFormat, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SpeechEngineException(Name, $"no audio within {options.TimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            throw new SpeechEngineException(Name, "unreachable: " + e.Message);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Refused(response);
            }

            var audio = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var durationMs = WavDurationMs(audio) ?? throw new SpeechEngineException(Name, $"asked for {options.OutputFormat} but the audio is not RIFF PCM");
            var timeline = request.Reference?.Timeline.ScaleTo(durationMs);
            return new SynthesizedSpeech(audio, "audio/wav", durationMs, voice, ssml, timeline);
        }
    }

    /// <summary>The configured voice if the region has it; otherwise the region's first GA neural voice for the language.</summary>
    public async Task<string> VoiceForAsync(string lang, string? chosen, CancellationToken cancellationToken)
    {
        var wanted = chosen is { Length: > 0 } ? chosen : PresenterVoices.Azure(lang, options.Voices);
        var voices = await VoicesAsync(cancellationToken).ConfigureAwait(false);
        if (voices is null || voices.Any(v => string.Equals(v.ShortName, wanted, StringComparison.OrdinalIgnoreCase)))
        {
            return wanted;
        }

        var locale = PresenterVoices.Locale(lang);
        var replacement = voices.Where(v => string.Equals(v.Locale, locale, StringComparison.OrdinalIgnoreCase))
            .Concat(voices.Where(v => v.Locale.StartsWith(lang + "-", StringComparison.OrdinalIgnoreCase)))
            .OrderBy(v => string.Equals(v.Status, "GA", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .FirstOrDefault();
        if (replacement is null)
        {
            return wanted;
        }

        LogVoiceReplaced(logger, wanted, replacement.ShortName, lang);
        return replacement.ShortName;
    }

    /// <summary>The region's neural voices for a caption language (its locale first), for the studio's voice choice; empty when not configured or unreachable.</summary>
    public async Task<IReadOnlyList<AzureVoice>> VoicesForAsync(string lang, CancellationToken cancellationToken)
    {
        if (!options.HasCredentials)
        {
            return [];
        }

        var locale = PresenterVoices.Locale(lang);
        var voices = await VoicesAsync(cancellationToken).ConfigureAwait(false) ?? [];
        return [.. voices.Where(v => v.Locale.StartsWith(lang + "-", StringComparison.OrdinalIgnoreCase) || v.SecondaryLocales?.Contains(locale, StringComparer.OrdinalIgnoreCase) == true)
            .OrderBy(v => string.Equals(v.Locale, locale, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(v => v.ShortName, StringComparer.Ordinal)];
    }

    private async Task<IReadOnlyList<AzureVoice>?> VoicesAsync(CancellationToken cancellationToken)
    {
        if (_voices.Voices is not null && time.GetUtcNow() - _voices.FetchedAt < VoiceListLifetime)
        {
            return _voices.Voices;
        }

        await _voicesGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_voices.Voices is not null && time.GetUtcNow() - _voices.FetchedAt < VoiceListLifetime)
            {
                return _voices.Voices;
            }

            using var response = await api.VoicesAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode && response.Content is { Count: > 0 } list)
            {
                _voices = (list, time.GetUtcNow());
                return list;
            }

            LogVoicesUnavailable(logger, (int?)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            LogVoicesUnavailable(logger, null, e);
        }
        finally
        {
            _voicesGate.Release();
        }

        return _voices.Voices; // an old list, or none: the configured voice is used as is
    }

    private SpeechEngineException Refused(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                _awayUntil = time.GetUtcNow().AddSeconds(options.AuthFailureBackoffSeconds);
                LogAuthRefused(logger, status, options.AuthFailureBackoffSeconds);
                return new SpeechEngineException(Name, $"key refused ({status})");
            case HttpStatusCode.TooManyRequests:
                var wait = RetryAfter(response) ?? TimeSpan.FromSeconds(10);
                _awayUntil = time.GetUtcNow() + wait;
                return new SpeechEngineException(Name, $"throttled (429); back in {wait.TotalSeconds:0} s", wait);
            default:
                return new SpeechEngineException(Name, $"answered {status}");
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };

    /// <summary>Length of RIFF PCM audio from its header (null when it is not RIFF PCM).</summary>
    internal static int? WavDurationMs(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 44 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        int byteRate = 0;
        for (var at = 12; at + 8 <= wav.Length;)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(wav[(at + 4)..]);
            if (wav.Slice(at, 4).SequenceEqual("fmt "u8) && at + 20 <= wav.Length)
            {
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(wav[(at + 16)..]);
            }
            else if (wav.Slice(at, 4).SequenceEqual("data"u8))
            {
                var available = wav.Length - at - 8;
                var data = size <= 0 || size > available ? available : size; // streamed RIFF leaves the size open
                return byteRate > 0 ? (int)((long)data * 1000 / byteRate) : null;
            }

            if (size < 0)
            {
                return null;
            }

            at += 8 + size + (size & 1);
        }

        return null;
    }

    [LoggerMessage(1, LogLevel.Warning, "Azure TTS has no voice {Wanted} in this region; using {Voice} for {Lang}")]
    private static partial void LogVoiceReplaced(ILogger logger, string wanted, string voice, string lang);

    [LoggerMessage(2, LogLevel.Warning, "Azure TTS voices list unavailable (status {Status}); configured voices are used unchecked")]
    private static partial void LogVoicesUnavailable(ILogger logger, int? status, Exception? exception = null);

    [LoggerMessage(3, LogLevel.Error, "Azure TTS refused the key ({Status}); the presenter uses the next voice engine for {Seconds} s")]
    private static partial void LogAuthRefused(ILogger logger, int status, int seconds);
}
