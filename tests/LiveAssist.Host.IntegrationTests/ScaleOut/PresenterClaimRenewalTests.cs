using LiveAssist.Presenter;
using LiveAssist.Presenter.Lines;
using LiveAssist.Redis;
using LiveAssist.Storage;
using LiveAssist.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveAssist.Host.IntegrationTests.ScaleOut;

/// <summary>
/// A presenter line whose voice engine takes longer than the claim lasts: the host voicing it renews its claim, so a second
/// host asked for the same line waits for that line instead of voicing it a second time (and paying the engine twice).
/// </summary>
public sealed class PresenterClaimRenewalTests : RedisHostsTest
{
    [RedisFact]
    public async Task ALineVoicedSlowerThanTheClaimLasts_IsVoicedOnce_AndTheOtherHostGetsThatLine()
    {
        var options = Options.Create(new PresenterOptions { SharedClaimSeconds = 1 });
        using var redisA = Connect();
        using var redisB = Connect();
        var hostA = new SharedPresenterLines(Store(redisA), Lines(), options);
        var hostB = new SharedPresenterLines(Store(redisB), Lines(), options);
        var voiced = 0;

        async Task<MadeLine?> VoiceSlowlyAsync(string by)
        {
            Interlocked.Increment(ref voiced);
            await Task.Delay(TimeSpan.FromSeconds(3.5)); // three and a half claims long
            return new MadeLine(Line(by), [1, 2, 3, 4]);
        }

        var onA = hostA.GetOrMakeAsync("live-1", "en", 7, () => VoiceSlowlyAsync("voiced on A"), CancellationToken.None);
        await Task.Delay(300);
        var onB = hostB.GetOrMakeAsync("live-1", "en", 7, () => VoiceSlowlyAsync("voiced on B"), CancellationToken.None);

        var lines = await Task.WhenAll(onA, onB);
        Assert.Equal(1, voiced);
        Assert.All(lines, line => Assert.Equal("voiced on A", line!.Text));
    }

    private static PresenterLine Line(string text)
        => new(7, "en", text, "<speak/>", "en-US-JennyNeural", "azure", null, 1000, 1.0, [], [], [], "none", [], [], 0, 1000, "ltr");

    private static PresenterLineStore Lines()
    {
        var directory = RepoPaths.NewTempDirectory("liveassist-presenter");
        return new PresenterLineStore(new SqliteDatabase(Path.Combine(directory, "presenter.db")), Path.Combine(directory, "audio"));
    }

    private RedisMadeOnceStore Store(RedisConnection redis)
        => new(redis, Options.Create(new RedisOptions { Configuration = Redis.Configuration }), NullLogger<RedisMadeOnceStore>.Instance);

}
