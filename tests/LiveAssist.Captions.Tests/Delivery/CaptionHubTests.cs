using System.Diagnostics.Metrics;
using System.Text;
using LiveAssist.Captions;
using LiveAssist.Captions.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveAssist.Captions.Tests.Delivery;

/// <summary>
/// The hub's fan-out: every stream of a language gets the same event, and an idle stream (OBS between lines) still
/// gets a keep-alive comment every 15 s, from the hub's one timer, so proxies do not close it; a closed stream gets none.
/// </summary>
public sealed class CaptionHubTests
{
    [Fact]
    public void IdleStreams_GetAKeepAliveEvery15s_FromOneTimer_ClosedStreamsDoNot()
    {
        var time = new FakeTimeProvider();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new CaptionMetrics(services.GetRequiredService<IMeterFactory>());
        using var hub = new CaptionHub(Options.Create(new CaptionsOptions()), metrics, time);
        var english = hub.Subscribe("s1", "en");
        using var console = hub.Subscribe("s1", ["en", "es"]);

        hub.Publish("s1", "en", SseEvent.Create("caption", 7, true, new { text = "Welcome" }, "en"));
        Assert.True(english.Events.TryRead(out var caption));
        Assert.Equal(7, caption.Seq);
        Assert.True(console.Events.TryRead(out _));

        time.Advance(TimeSpan.FromSeconds(14));
        Assert.False(english.Events.TryRead(out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(english.Events.TryRead(out var keepAlive));
        Assert.Equal(": keep-alive\n\n", Encoding.UTF8.GetString(keepAlive.Bytes.Span));
        Assert.True(console.Events.TryRead(out _));

        english.Dispose();
        time.Advance(TimeSpan.FromSeconds(15));
        Assert.False(english.Events.TryRead(out _));
        Assert.True(console.Events.TryRead(out _));
        Assert.False(console.Events.TryRead(out _)); // one keep-alive for a stream of two languages
    }
}
