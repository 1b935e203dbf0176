using System.Text.Json;
using LiveAssist.Dialogs.Content;
using Microsoft.Extensions.Logging;

namespace LiveAssist.BuyerQa.Answers;

/// <summary>
/// The operator's freight rate table, <c>dialogs/freight/rates.json</c>: re-read when the file changes; a broken
/// edit is logged and the last good table keeps serving.
/// </summary>
public sealed partial class FreightRates(ContentFiles files, TimeProvider time, ILogger<FreightRates> logger)
{
    private readonly Lock _gate = new();
    private FreightTable? _table;
    private DateTime _loadedWrite;
    private DateTimeOffset _checkedAt;

    public string Path => System.IO.Path.Combine(files.DialogsDirectory, "freight", "rates.json");

    /// <summary>The rates for a destination country, or null when the table has none.</summary>
    public FreightRegion? For(string country)
    {
        var table = Current();
        return table?.Regions.Values.FirstOrDefault(r => r.Countries.Contains(country, StringComparer.OrdinalIgnoreCase));
    }

    public string Currency => Current()?.Currency ?? "USD";

    private FreightTable? Current()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_table is not null && now - _checkedAt < TimeSpan.FromSeconds(1))
            {
                return _table;
            }

            _checkedAt = now;
            try
            {
                var written = File.GetLastWriteTimeUtc(Path);
                if (_table is null || written != _loadedWrite)
                {
                    var info = new FileInfo(Path);
                    if (info.Exists && info.Length < 256 * 1024)
                    {
                        var read = JsonSerializer.Deserialize<FreightTable>(File.ReadAllText(Path), Json);
                        if (read?.Regions is { Count: > 0 } regions && regions.Values.All(r => r.IsValid))
                        {
                            _table = read;
                        }
                        else
                        {
                            LogRejected(logger, Path, "every region needs countries and non-negative rates");
                        }
                    }

                    _loadedWrite = written;
                }
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                LogRejected(logger, Path, ex.Message);
            }

            return _table;
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [LoggerMessage(1, LogLevel.Warning, "Freight rates {Path} refused ({Reason}); the last good table keeps serving")]
    private static partial void LogRejected(ILogger logger, string path, string reason);
}

public sealed record FreightTable(string? Currency, Dictionary<string, FreightRegion> Regions);

public sealed record FreightRegion(List<string> Countries, decimal SeaPerCbm, decimal SeaMinimum, decimal AirPerKg, decimal FobPerCbm, decimal DutyPercent, decimal Clearance, int SeaDays)
{
    public bool IsValid => Countries is { Count: > 0 } && SeaPerCbm >= 0 && SeaMinimum >= 0 && AirPerKg >= 0 && FobPerCbm >= 0 && DutyPercent is >= 0 and <= 100 && Clearance >= 0 && SeaDays >= 0;
}
