using System.Text.RegularExpressions;
using LiveAssist.Translation;
using LiveAssist.Translation.Offline;
using LiveAssist.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>The translator chain under failure: engines that throw, hang, or change a price.</summary>
public sealed partial class CaptionEngineFallbackTests
{
    private static readonly string[] AllLanguages = ["en", "es", "pt", "fr", "ru", "ar", "id", "vi", "th", "ja", "ko"];

    [Fact]
    public async Task A_hanging_engine_hands_the_caption_to_the_next_within_its_timeout_and_the_caption_names_the_engine_that_made_it()
    {
        var hanging = new HangingEngine();
        await using var factory = Factory(["hanging", "offline"], services => services.AddKeyedSingleton<ICaptionTranslator>("hanging", hanging));
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en", "es"]);
        await using var stream = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");

        await CaptionSessions.SayAsync(client, id, key, "现货三千件。", final: true, 0, 2000);
        await stream.WaitUntilAsync(r => r.Captions("final").Count == 1, "the caption from the next engine");

        var caption = stream.Captions("final")[0];
        Assert.StartsWith("offline", caption.GetProperty("engine").GetString());
        Assert.Contains("fallback", caption.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("3,000", caption.GetProperty("text").GetString());
        Assert.True(hanging.Calls >= 1);
        // The chain cancels the engine and moves on without waiting for it; the engine sees the cancellation on its own thread.
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(hanging.CancelledCalls >= 1), TimeSpan.FromSeconds(5)), "the hanging engine was not told to stop when its time was up");
    }

    [Fact]
    public async Task A_failing_engine_falls_back_and_a_working_first_engine_is_used_unflagged()
    {
        await using var factory = Factory(["broken", "shouting", "offline"], services =>
        {
            services.AddKeyedSingleton<ICaptionTranslator>("broken", new FailingEngine());
            services.AddKeyedSingleton<ICaptionTranslator>("shouting", (sp, _) => new ShoutingEngine(sp.GetRequiredKeyedService<ICaptionTranslator>(OfflineCaptionTranslator.EngineName)));
        });
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, ["en"]);
        await using var stream = await SseReader.OpenAsync(client, $"/api/sessions/{id}/captions/stream?lang=en");
        await CaptionSessions.SayAsync(client, id, key, "现货三千件。", final: true, 0, 2000);
        await stream.WaitUntilAsync(r => r.Captions("final").Count == 1, "the caption");
        var caption = stream.Captions("final")[0];
        Assert.Equal("shouting", caption.GetProperty("engine").GetString());
        Assert.Contains("fallback", caption.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(caption.GetProperty("text").GetString()!.ToUpperInvariant(), caption.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Prices_and_quantities_come_out_right_in_every_language()
    {
        await using var factory = Factory(["offline"], null);
        var client = factory.CreateClient();
        var (id, key) = await CaptionSessions.CreateAsync(client, AllLanguages);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, AllLanguages);

        await CaptionSessions.SayAsync(client, id, key, "这款一块八毛五一个，五百个起批", final: true, 0, 3000);
        await CaptionSessions.SayAsync(client, id, key, "买二送一，一箱十二打，每个重350克。", final: true, 3500, 7000);
        foreach (var (lang, stream) in streams)
        {
            await stream.WaitUntilAsync(r => r.Captions("final").Count == 2, $"{lang} captions");
            var first = stream.Captions("final")[0].GetProperty("text").GetString()!;
            Assert.Matches(@"(?<![\d.,٫])1[.,٫]85(?![\d])", first);
            Assert.Matches(@"(?<![\d.,])500(?![\d.,]\d)", first);
            var second = stream.Captions("final")[1].GetProperty("text").GetString()!;
            Assert.All(new[] { "2", "1", "12", "350" }, n => Assert.Matches($@"(?<![\d.,]){n}(?![\d])", second));
            await stream.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_translation_that_corrupts_a_number_is_never_streamed_it_is_retranslated_by_the_next_engine()
    {
        await using var factory = Factory(["corrupting", "offline"], services =>
            services.AddKeyedSingleton<ICaptionTranslator>("corrupting", (sp, _) => new CorruptingEngine(sp.GetRequiredKeyedService<ICaptionTranslator>(OfflineCaptionTranslator.EngineName))),
            timeoutMs: 15_000); // the corrupting engine must answer, not time out
        var client = factory.CreateClient();
        string[] languages = ["en", "es", "fr", "ru", "ar"];
        var (id, key) = await CaptionSessions.CreateAsync(client, languages);
        var streams = await SseReader.OpenCaptionStreamsAsync(client, id, languages);

        await CaptionSessions.SayAsync(client, id, key, "这款一块八毛五一个", final: false);
        await CaptionSessions.SayAsync(client, id, key, "这款一块八毛五一个，五百个起批", final: true, 0, 3000);
        foreach (var (lang, stream) in streams)
        {
            await stream.WaitUntilAsync(r => r.Captions("final").Count == 1, $"{lang} caption");
            foreach (var ev in stream.Events.Where(e => e.Name == "caption"))
            {
                var text = ev.Data.GetProperty("text").GetString()!;
                Assert.DoesNotMatch(@"18[.,٫]5|(?<!\d)50(?!\d)", text); // the corrupted figures never reach an overlay, partial or final
                Assert.Matches(@"1[.,٫]85", text);
            }

            var final = stream.Captions("final")[0];
            Assert.StartsWith("offline", final.GetProperty("engine").GetString());
            Assert.Contains("figures-retranslated", final.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
            await stream.DisposeAsync();
        }
    }

    private static LiveAssistFactory Factory(string[] engines, Action<IServiceCollection>? services, int timeoutMs = 300)
    {
        var settings = new Dictionary<string, string?> { ["Translator:EngineTimeoutMs"] = timeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        for (var i = 0; i < engines.Length; i++)
        {
            settings[$"Translator:Engines:{i}"] = engines[i];
        }

        return new LiveAssistFactory(settings, services: services);
    }

    private sealed class HangingEngine : ICaptionTranslator
    {
        private int _calls;
        private int _cancelled;

        public string Name => "hanging";

        public int Calls => _calls;

        public int CancelledCalls => _cancelled;

        public async Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }

            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class FailingEngine : ICaptionTranslator
    {
        public string Name => "broken";

        public Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
            => throw new HttpRequestException("503 Service Unavailable");
    }

    /// <summary>A working engine whose output is recognisably its own.</summary>
    private sealed class ShoutingEngine(ICaptionTranslator inner) : ICaptionTranslator
    {
        public string Name => "shouting";

        public async Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
            => (await inner.TranslateAsync(request, cancellationToken)).ToDictionary(p => p.Key, p => p.Value with { Text = p.Value.Text.ToUpperInvariant(), Engine = Name });
    }

    /// <summary>Translates, then gets the figures wrong the way a careless model does: 1.85 → 18.5, 500 → 50.</summary>
    private sealed partial class CorruptingEngine(ICaptionTranslator inner) : ICaptionTranslator
    {
        public string Name => "corrupting";

        public async Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
            => (await inner.TranslateAsync(request, cancellationToken)).ToDictionary(p => p.Key, p => p.Value with
            {
                Text = FiveHundred().Replace(Price().Replace(p.Value.Text, "18${sep}5"), "50"),
                Engine = Name,
            });

        [GeneratedRegex(@"1(?<sep>[.,٫])85")]
        private static partial Regex Price();

        [GeneratedRegex(@"(?<!\d)500(?!\d)")]
        private static partial Regex FiveHundred();
    }
}
