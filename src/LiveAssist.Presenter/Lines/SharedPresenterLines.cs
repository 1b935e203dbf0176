using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using LiveAssist.Storage;
using Microsoft.Extensions.Options;

namespace LiveAssist.Presenter.Lines;

/// <summary>A line just made and its audio as the engine gave it (labelled as AI-made when it is written to a file).</summary>
public sealed record MadeLine(PresenterLine Line, byte[]? Audio);

/// <summary>
/// Presenter lines made once across hosts that share an <see cref="IMadeOnceStore"/> (Redis): a host asked for a line
/// takes it from the store if another host made it, else claims it and voices it, and a host asked while another holds
/// the claim waits for that host's line. The holder renews its claim while it voices (a slow engine does not let a second
/// host voice the line too); a claim not renewed lapses after <see cref="PresenterOptions.SharedClaimSeconds"/>, so a host
/// that dies while voicing delays the others by that much at most, and then one of them voices the line itself.
/// </summary>
public sealed class SharedPresenterLines(IMadeOnceStore store, PresenterLineStore lines, IOptions<PresenterOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>How many holds a waiter waits for a line whose claim is still renewed before voicing it itself.</summary>
    private const int MaxHolds = 6;

    public async Task<PresenterLine?> GetOrMakeAsync(string sessionId, string lang, long seq, Func<Task<MadeLine?>> make, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(make);
        var key = string.Create(CultureInfo.InvariantCulture, $"presenter:{sessionId}:{lang}:{seq}");
        var hold = TimeSpan.FromSeconds(Math.Max(1, options.Value.SharedClaimSeconds));
        // A waiter waits while the claim is held (renewed), up to this: past it the holder is stuck, voice here.
        var giveUpAt = DateTime.UtcNow + (MaxHolds * hold);
        while (true)
        {
            if (await TakeAsync(key, sessionId, cancellationToken).ConfigureAwait(false) is { } shared)
            {
                return shared;
            }

            if (await store.ClaimAsync(key, hold, cancellationToken).ConfigureAwait(false) is { } token)
            {
                try
                {
                    // Another host may have stored it between our read and our claim.
                    if (await TakeAsync(key, sessionId, cancellationToken).ConfigureAwait(false) is { } late)
                    {
                        return late;
                    }

                    MadeLine? made;
                    using (var renewing = new CancellationTokenSource())
                    {
                        var renewal = RenewWhileMakingAsync(key, token, hold, renewing.Token);
                        try
                        {
                            made = await make().ConfigureAwait(false);
                        }
                        finally
                        {
                            await renewing.CancelAsync().ConfigureAwait(false);
                            await renewal.ConfigureAwait(false);
                        }
                    }

                    // A line no engine could voice is not shared: another host's engines may work.
                    if (made?.Audio is { } audio)
                    {
                        await store.SaveAsync(key, Pack(made.Line, audio), cancellationToken).ConfigureAwait(false);
                    }

                    return made?.Line;
                }
                finally
                {
                    await store.ReleaseAsync(key, token, CancellationToken.None).ConfigureAwait(false);
                }
            }

            if (DateTime.UtcNow > giveUpAt && await store.IsClaimedAsync(key, cancellationToken).ConfigureAwait(false))
            {
                return (await make().ConfigureAwait(false))?.Line;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    // Renews at a third of the hold, so one slow or lost renewal does not let the claim lapse.
    private async Task RenewWhileMakingAsync(string key, string token, TimeSpan hold, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(hold / 3, cancellationToken).ConfigureAwait(false);
                if (!await store.RenewAsync(key, token, hold, cancellationToken).ConfigureAwait(false))
                {
                    return; // lapsed and taken: the other host makes it too; this one still finishes its own
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // The line another host made, kept here too (its JSON and its audio file), so this host serves it from now on.
    private async Task<PresenterLine?> TakeAsync(string key, string sessionId, CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(key, cancellationToken).ConfigureAwait(false) is not { } packed || Unpack(packed) is not { } made)
        {
            return null;
        }

        await lines.SaveAsync(sessionId, made.Line, made.Audio, cancellationToken).ConfigureAwait(false);
        return made.Line;
    }

    // One value (JSON length, JSON, audio) so a reader never gets a line without its audio.
    private static byte[] Pack(PresenterLine line, byte[] audio)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(line, Json);
        var packed = new byte[4 + json.Length + audio.Length];
        BinaryPrimitives.WriteInt32LittleEndian(packed, json.Length);
        json.CopyTo(packed, 4);
        audio.CopyTo(packed, 4 + json.Length);
        return packed;
    }

    private static MadeLine? Unpack(byte[] packed)
    {
        if (packed.Length < 4 || BinaryPrimitives.ReadInt32LittleEndian(packed) is var length && (length <= 0 || length > packed.Length - 4))
        {
            return null;
        }

        var line = JsonSerializer.Deserialize<PresenterLine>(packed.AsSpan(4, length), Json);
        return line is null ? null : new MadeLine(line, packed[(4 + length)..]);
    }
}
