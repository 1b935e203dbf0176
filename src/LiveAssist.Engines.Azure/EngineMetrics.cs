using System.Diagnostics.Metrics;

namespace LiveAssist.Engines.Azure;

/// <summary>
/// Meter <c>LiveAssist.Engines</c>: characters sent to paid translation engines (what the merchant
/// pays for) and characters the service reported as metered. Totals are also kept for <c>/readyz</c>.
/// </summary>
public sealed class EngineMetrics : IDisposable
{
    public const string MeterName = "LiveAssist.Engines";

    private readonly Meter _meter;
    private readonly Counter<long> _characters;
    private readonly Counter<long> _metered;
    private long _totalCharacters;

    public EngineMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _characters = _meter.CreateCounter<long>("liveassist.translator.characters", "{character}", "Characters sent for translation, once per target language (the billed quantity)");
        _metered = _meter.CreateCounter<long>("liveassist.translator.metered_characters", "{character}", "Characters the service reported as billed (X-Metered-Usage)");
    }

    public long TotalCharacters => Interlocked.Read(ref _totalCharacters);

    public void CharactersSent(string engine, long characters)
    {
        Interlocked.Add(ref _totalCharacters, characters);
        _characters.Add(characters, new KeyValuePair<string, object?>("engine", engine));
    }

    public void CharactersMetered(string engine, long characters) => _metered.Add(characters, new KeyValuePair<string, object?>("engine", engine));

    public void Dispose() => _meter.Dispose();
}
