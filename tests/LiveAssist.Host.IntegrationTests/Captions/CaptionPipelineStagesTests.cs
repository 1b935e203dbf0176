using LiveAssist.Captions.Pipeline;
using LiveAssist.Testing;
using LiveAssist.Translation;
using LiveAssist.Translation.Chain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>
/// The caption pipeline's stages are joined by bounded queues: a stuck translator holds the console's next lines back
/// instead of piling them up in memory, and loses none; a live that went quiet lets its captioner go and numbers on
/// from where it stopped when the host speaks again.
/// </summary>
public sealed class CaptionPipelineStagesTests
{
    [Fact]
    public async Task AStuckTranslator_HoldsTheConsolesNextLineBack_AndEveryLineComesOutInOrderWhenItRecovers()
    {
        var gated = new GatedEngine();
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?>
        {
            ["Translator:Engines:0"] = "gated",
            ["Translator:EngineTimeoutMs"] = "600000",
            ["Captions:LineQueueCapacity"] = "2",
        }, services: s => s.AddKeyedSingleton<ICaptionTranslator>("gated", gated));
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        await using var stream = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");

        // Line 1 is with the translator, which does not answer; lines 2 and 3 fill the queue of two.
        var first = await CaptionSessions.SayAsync(client, id, key, "第一句，欢迎大家。", final: true, 0, 1000);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(gated.Calls >= 1), TimeSpan.FromSeconds(10)), "the translator got the first line");
        await CaptionSessions.SayAsync(client, id, key, "第二句。", final: true, 1000, 2000);
        await CaptionSessions.SayAsync(client, id, key, "第三句。", final: true, 2000, 3000);

        // Line 4 waits for room: the console is held back, nothing is queued beyond the bound.
        var fourth = CaptionSessions.SayAsync(client, id, key, "第四句。", final: true, 3000, 4000);
        await Task.WhenAny(fourth, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(fourth.IsCompleted, "the fourth line was taken while the queue was full");

        gated.Open();
        await fourth;
        await stream.WaitUntilAsync(r => r.Captions("final").Count == 4, "all four captions");
        var seqs = stream.Captions("final").Select(c => c.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal([first, first + 1, first + 2, first + 3], seqs);
        Assert.Contains("fourth", stream.Captions("final")[3].GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ALiveSilentPastTheIdleTime_LetsItsCaptionerGo_AndItsNextLineNumbersOn()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?> { ["Captions:IdleSessionMinutes"] = "30" },
            services: s => s.AddSingleton(sp => ActivatorUtilities.CreateInstance<CaptionPipeline>(sp, (TimeProvider)time)));
        var client = factory.CreateClient();
        var pipeline = factory.Services.GetRequiredService<CaptionPipeline>();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        await using var stream = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");

        var first = await CaptionSessions.SayAsync(client, id, key, "现货三千件。", final: true, 0, 1000);
        await stream.WaitUntilAsync(r => r.Captions("final").Count == 1, "the first caption");
        Assert.Equal(1, pipeline.ActiveSessions);

        time.Advance(TimeSpan.FromMinutes(10));
        await pipeline.RetireIdleAsync();
        Assert.Equal(1, pipeline.ActiveSessions); // ten quiet minutes: still live

        time.Advance(TimeSpan.FromMinutes(25));
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(pipeline.ActiveSessions == 0), TimeSpan.FromSeconds(10)), "the quiet live kept its captioner");

        var second = await CaptionSessions.SayAsync(client, id, key, "五百个起批。", final: true, 1000, 2000);
        await stream.WaitUntilAsync(r => r.Captions("final").Count == 2, "the caption after the quiet");
        Assert.Equal(first + 1, second);
        Assert.Equal(second, stream.Captions("final")[1].GetProperty("seq").GetInt64());
        Assert.Equal(1, pipeline.ActiveSessions);
    }

    /// <summary>A translator that answers nothing until opened, then upper-cases a short English stand-in of each line.</summary>
    private sealed class GatedEngine : ICaptionTranslator
    {
        private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth"];
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public string Name => "gated";

        public int Calls => Volatile.Read(ref _calls);

        public void Open() => _open.TrySetResult();

        public async Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await _open.Task.WaitAsync(cancellationToken);
            var index = "一二三四五".IndexOf(request.Text[1]);
            var text = index >= 0 ? $"The {Ordinals[index]} line." : "A line.";
            return request.To.ToDictionary(lang => lang, _ => new TranslationResult(text, Name, false, []));
        }
    }
}
