using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace LiveAssist.Presenter.Synthesis.Espeak;

/// <summary>
/// Runs espeak-ng in-process. The library keeps one global voice and callback, so every synthesis in
/// the process (all hosts, all sessions) takes turns behind one lock; a line takes tens of
/// milliseconds, far less than it takes to speak.
/// </summary>
public sealed class EspeakSynthesizer
{
    /// <summary>espeak-ng's default speaking rate, words per minute.</summary>
    public const int DefaultWordsPerMinute = 175;

    private static readonly SemaphoreSlim Turn = new(1, 1);
    private static int _sampleRate;
    private static string? _initializeError;
    private static string? _currentVoice;

    [ThreadStatic]
    private static EspeakCollector? _collector;

    /// <summary>Null while espeak-ng works; otherwise why it does not (not installed, no data).</summary>
    public static string? Unavailable
    {
        get
        {
            Turn.Wait();
            try
            {
                EnsureInitialized();
                return _initializeError;
            }
            finally
            {
                Turn.Release();
            }
        }
    }

    /// <summary>Synthesizes espeak SSML (<c>&lt;speak&gt;…&lt;/speak&gt;</c>) with a voice at a rate; returns audio and events.</summary>
    public async Task<EspeakRun> RunAsync(string markup, string voice, double rate, int pitchPercent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markup);
        await Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // CPU-bound and blocking: keep it off the request thread.
            return await Task.Run(() => Run(markup, voice, rate, pitchPercent, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Turn.Release();
        }
    }

    private static unsafe EspeakRun Run(string markup, string voice, double rate, int pitchPercent, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        if (_initializeError is not null)
        {
            throw new SpeechEngineException("espeak", _initializeError);
        }

        if (_currentVoice != voice)
        {
            if (EspeakNative.SetVoiceByName(voice) != 0 && EspeakNative.SetVoiceByName(FileName(voice)) != 0)
            {
                _currentVoice = null;
                throw new SpeechEngineException("espeak", $"espeak-ng has no voice '{voice}'");
            }

            _currentVoice = voice;
        }

        EspeakNative.SetParameter(EspeakNative.ParameterRate, (int)Math.Round(DefaultWordsPerMinute * Math.Clamp(rate, 0.5, 3.0)), 0);
        // espeak's pitch is 0–100 around 50; the voice (and its variant) sets it again, so it is set on every run.
        EspeakNative.SetParameter(EspeakNative.ParameterPitch, Math.Clamp(50 + pitchPercent * 50 / 30, 0, 100), 0);
        var collector = new EspeakCollector(cancellationToken);
        _collector = collector;
        try
        {
            var bytes = Encoding.UTF8.GetBytes(markup + "\0");
            fixed (byte* text = bytes)
            {
                var result = EspeakNative.Synth(text, (nuint)bytes.Length, 0, EspeakNative.PositionCharacter, 0, EspeakNative.CharsUtf8 | EspeakNative.Ssml, null, null);
                cancellationToken.ThrowIfCancellationRequested();
                if (result != 0)
                {
                    throw new SpeechEngineException("espeak", $"espeak_Synth failed ({result})");
                }
            }
        }
        finally
        {
            _collector = null;
        }

        return collector.ToRun(_sampleRate);
    }

    // espeak_SetVoiceByName takes a voice file's name, which is the language tag except for British English ("en").
    private static string FileName(string voice)
    {
        var plus = voice.IndexOf('+', StringComparison.Ordinal);
        var language = plus < 0 ? voice : voice[..plus];
        return string.Equals(language, "en-gb", StringComparison.OrdinalIgnoreCase) ? "en" + voice[language.Length..] : voice;
    }

    private static unsafe void EnsureInitialized()
    {
        if (_sampleRate != 0 || _initializeError is not null)
        {
            return;
        }

        try
        {
            var rate = EspeakNative.Initialize(EspeakNative.AudioOutputSynchronous, 200, null,
                EspeakNative.InitializePhonemeEvents | EspeakNative.InitializePhonemeIpa | EspeakNative.InitializeDontExit);
            if (rate <= 0)
            {
                _initializeError = "espeak-ng could not start (is espeak-ng-data installed?)";
                return;
            }

            EspeakNative.SetSynthCallback(&OnSynth);
            _sampleRate = rate;
        }
        catch (DllNotFoundException)
        {
            _initializeError = "espeak-ng is not installed (apt-get install espeak-ng)";
        }
        catch (EntryPointNotFoundException e)
        {
            _initializeError = "libespeak-ng is too old: " + e.Message;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe int OnSynth(short* samples, int count, EspeakEvent* events)
    {
        var collector = _collector;
        if (collector is null)
        {
            return 1;
        }

        if (samples is not null && count > 0)
        {
            collector.Audio.Write(new ReadOnlySpan<short>(samples, count));
        }

        for (var e = events; e is not null && e->Type != EspeakNative.EventListTerminated; e++)
        {
            switch (e->Type)
            {
                case EspeakNative.EventWord:
                    collector.Words.Add(new EspeakWordEvent(e->TextPosition, e->Length, e->AudioPosition));
                    break;
                case EspeakNative.EventPhoneme:
                    ReadOnlySpan<byte> id = e->Id;
                    var end = id.IndexOf((byte)0);
                    collector.Phonemes.Add(new EspeakPhonemeEvent(Encoding.UTF8.GetString(end < 0 ? id : id[..end]), e->AudioPosition));
                    break;
            }
        }

        return collector.Cancellation.IsCancellationRequested ? 1 : 0;
    }

    private sealed class EspeakCollector(CancellationToken cancellation)
    {
        public CancellationToken Cancellation { get; } = cancellation;

        public System.Buffers.ArrayBufferWriter<short> Audio { get; } = new(64 * 1024);

        public List<EspeakWordEvent> Words { get; } = [];

        public List<EspeakPhonemeEvent> Phonemes { get; } = [];

        public EspeakRun ToRun(int sampleRate) => new(Audio.WrittenSpan.ToArray(), sampleRate, Words, Phonemes);
    }
}

/// <summary>What one espeak-ng synthesis produced: 16-bit mono samples and its events.</summary>
public sealed record EspeakRun(short[] Samples, int SampleRate, IReadOnlyList<EspeakWordEvent> Words, IReadOnlyList<EspeakPhonemeEvent> Phonemes)
{
    public int DurationMs => (int)(Samples.LongLength * 1000 / SampleRate);
}

/// <summary>A word began: where in the input (1-based characters) and when in the audio.</summary>
public readonly record struct EspeakWordEvent(int TextPosition, int Length, int AudioMs);

/// <summary>A phoneme began (IPA; empty for a pause).</summary>
public readonly record struct EspeakPhonemeEvent(string Ipa, int AudioMs);
