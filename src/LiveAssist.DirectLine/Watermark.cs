using System.Globalization;

namespace LiveAssist.DirectLine;

/// <summary>
/// Watermarks are "{epoch}-{position}". The epoch changes when the process restarts, so a client
/// holding a watermark from before a restart is served the new log from its start instead of
/// waiting forever for a position the new log has not reached.
/// </summary>
internal static class Watermark
{
    private static readonly string ProcessEpoch = Convert.ToHexString(BitConverter.GetBytes(Environment.TickCount64 ^ DateTime.UtcNow.Ticks))[..8].ToLowerInvariant();
    private static string? _sharedEpoch;

    /// <summary>This process's epoch, or the one all hosts share when the log is shared (a watermark from one host is good on another).</summary>
    public static string Epoch => _sharedEpoch ?? ProcessEpoch;

    /// <summary>Called once when the shared log is in use; a process serves one deployment, so the epoch is process-wide.</summary>
    internal static void UseSharedEpoch(string? epoch)
    {
        if (!string.IsNullOrEmpty(epoch))
        {
            _sharedEpoch = epoch;
        }
    }

    public static string Format(long position) => $"{Epoch}-{position.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The position after which the client has seen everything; 0 for none, a foreign epoch, or garbage.</summary>
    public static long Parse(string? watermark)
    {
        if (string.IsNullOrEmpty(watermark))
        {
            return 0;
        }

        var dash = watermark.LastIndexOf('-');
        if (dash <= 0 || !watermark.AsSpan(0, dash).SequenceEqual(Epoch))
        {
            return 0;
        }

        return long.TryParse(watermark.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 0
            ? position
            : 0;
    }
}
