using System.Diagnostics;
using LiveAssist.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace LiveAssist.Host.IntegrationTests.Observability;

/// <summary>
/// Traces through OpenTelemetry, exported in memory as an OTLP collector would get them: a buyer's turn is one span
/// with its stages (each middleware, the bot, every reply sent) as children, so a slow answer shows where its time went.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task ABuyerTurn_IsOneSpanWithItsMiddlewareBotAndRepliesAsChildren()
    {
        var spans = new List<Activity>();
        await using var factory = new LiveAssistFactory(services: services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.SetSampler(new AlwaysOnSampler()).AddSource("LiveAssist.*").AddInMemoryExporter(spans)));
        var client = factory.CreateClient();

        var replies = await LocalBot.AskAsync(client, "How much is YW-100234 for 1000 pieces?", "en", "trace-1", "buyer-1", "webchat", null, null);
        Assert.NotEmpty(replies);
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        // Trace sources are process-wide: hosts of tests running beside this one add their spans, so ours are picked by id.
        var turn = Assert.Single(spans, s => s.OperationName == "turn" && s.GetTagItem("bot.activity.type") as string == "message"
            && (s.GetTagItem("bot.conversation.id") as string ?? string.Empty).Contains("trace-1", StringComparison.Ordinal));
        Assert.Equal("webchat", turn.GetTagItem("bot.channel"));
        var stages = Descendants(spans, turn).Select(s => s.OperationName).ToList();
        Assert.Contains(stages, n => n.StartsWith("middleware ", StringComparison.Ordinal));
        Assert.Contains("bot BuyerQaBot", stages);
        Assert.Equal(replies.Count, stages.Count(n => n == "send message"));
        Assert.All(Descendants(spans, turn), s => Assert.Equal(turn.TraceId, s.TraceId));
    }

    [Fact]
    public async Task ACaptionLine_IsOneSpanWithReviewTranslationStorageAndPublishingAsChildren()
    {
        var spans = new List<Activity>();
        await using var factory = new LiveAssistFactory(services: services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.SetSampler(new AlwaysOnSampler()).AddSource("LiveAssist.*").AddInMemoryExporter(spans)));
        var client = factory.CreateClient();
        var (id, key) = await Captions.CaptionSessions.CreateAsync(client, ["en", "es"]);
        await using var en = await Captions.SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");

        await Captions.CaptionSessions.SayAsync(client, id, key, "这款保温杯五百个起批。", final: true, 0, 2000);
        await en.WaitUntilAsync(r => r.Captions("final").Count == 1, "the caption");
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var line = Assert.Single(spans, s => s.OperationName == "caption.line" && s.GetTagItem("session.id") as string == id); // other tests' hosts trace too
        Assert.Equal(id, line.GetTagItem("session.id"));
        Assert.Equal(3, line.GetTagItem("caption.languages")); // the Chinese line itself, English, Spanish
        Assert.Equal(["caption.review", "caption.translate", "caption.store", "caption.publish"],
            spans.Where(s => s.ParentSpanId == line.SpanId).OrderBy(s => s.StartTimeUtc).Select(s => s.OperationName));
    }

    private static IEnumerable<Activity> Descendants(IEnumerable<Activity> spans, Activity root)
        => spans.Where(s => s.ParentSpanId == root.SpanId).SelectMany(child => Descendants(spans, child).Prepend(child));
}
