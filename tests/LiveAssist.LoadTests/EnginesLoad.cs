using System.Diagnostics;
using System.Globalization;
using LiveAssist.Engines;
using LiveAssist.Engines.Azure.Speech;
using LiveAssist.Engines.Azure.Translator;
using LiveAssist.Engines.Azure.CognitiveAuth;
using LiveAssist.Testing;
using LiveAssist.Translation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveAssist.LoadTests;

/// <summary>
/// What the Azure clients add on top of the service: Translator calls against a fake that answers
/// after a fixed delay (overhead = round trip − delay), and the time from the fake Speech service
/// sending a phrase to the WebSocket client handing it on as a final result.
/// </summary>
internal static class EnginesLoad
{
    private static readonly string[] Languages = ["en", "es", "pt", "fr", "ru", "ar", "id", "vi", "th", "ja"];

    public static async Task<(LatencyRecorder Overhead, double Rate)> TranslatorOverheadAsync(TimeSpan fixedDelay, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        await using var fake = await LoopbackServer.StartAsync((routes, _) => routes.MapPost("/translate", async (HttpRequest request) =>
        {
            var arrived = Stopwatch.GetTimestamp();
            await Task.Delay(fixedDelay);
            var targets = request.Query["to"].ToArray();
            // How long the fake itself held the request (the delay plus timer slack), so it is not counted as client overhead.
            request.HttpContext.Response.Headers["X-Fake-Ticks"] = (Stopwatch.GetTimestamp() - arrived).ToString(CultureInfo.InvariantCulture);
            return Results.Json(new[] { new { translations = targets.Select(to => new { text = "Welcome, this flask is 1.85 each.", to }) } });
        }), record: false);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Translator:Azure:Endpoint"] = fake.BaseUrl,
            ["Translator:Azure:Key"] = "bench-key",
            ["Translator:Azure:Region"] = "westeurope",
        }).Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddCloudEngines(configuration);
        collection.AddHttpClient(AzureTranslatorOptions.HttpClientName).AddHttpMessageHandler(() => new FakeTimeReader());
        var services = collection.BuildServiceProvider();
        var translator = services.GetRequiredKeyedService<ICaptionTranslator>("azure");
        var request = new CaptionTranslationRequest("欢迎大家，这款保温杯一块八毛五一个。", "zh", Languages, SessionTerms.Empty);
        var overhead = new LatencyRecorder();
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long completed = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                var serverTicks = FakeTimeReader.Begin();
                var result = await translator.TranslateAsync(request, CancellationToken.None);
                var elapsed = Stopwatch.GetTimestamp() - start;
                if (start < measureFrom)
                {
                    continue;
                }

                if (result.Count != Languages.Length)
                {
                    overhead.Error();
                    continue;
                }

                overhead.Record(Math.Max(0, elapsed - serverTicks.Value));
                Interlocked.Increment(ref completed);
            }
        })));
        await services.DisposeAsync();
        return (overhead, completed / duration.TotalSeconds);
    }

    public static async Task<(LatencyRecorder EventToResult, double Rate)> RecognitionEventToResultAsync(TimeSpan warmup, TimeSpan duration)
    {
        await using var fake = await FakeSpeechService.StartAsync();
        fake.OnAudio = async turn =>
        {
            if (turn.Ended)
            {
                // The phrase carries the moment the service sent it.
                await turn.PhraseAsync(Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture), 0, turn.ReceivedMs);
                await turn.EndAsync();
            }
        };
        var options = new AzureSpeechOptions { Key = "bench-key", Region = "westeurope", TokenEndpoint = fake.BaseUrl, Endpoint = fake.WebSocketBase };
        var tokens = new CognitiveTokenProvider(options, new HttpClient(), TimeProvider.System, NullLogger.Instance);
        await using var client = new AzureSpeechClient(options, tokens, TimeProvider.System, NullLogger<AzureSpeechClient>.Instance);
        var pcm = new byte[32 * 1000]; // one second of audio per segment
        var latency = new LatencyRecorder();
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long segments = 0;
        while (Stopwatch.GetTimestamp() < end)
        {
            await foreach (var result in client.RecognizeAsync(pcm, new SpeechTurnRequest("zh-CN", []), CancellationToken.None))
            {
                var now = Stopwatch.GetTimestamp();
                if (result.IsFinal && now >= measureFrom)
                {
                    latency.Record(now - long.Parse(result.Text, CultureInfo.InvariantCulture));
                    segments++;
                }
            }

        }

        return (latency, segments / duration.TotalSeconds);
    }

    /// <summary>Reads the fake's own holding time from its response, into a box the calling flow owns.</summary>
    private sealed class FakeTimeReader : DelegatingHandler
    {
        private static readonly AsyncLocal<System.Runtime.CompilerServices.StrongBox<long>?> Current = new();

        public static System.Runtime.CompilerServices.StrongBox<long> Begin() => Current.Value = new System.Runtime.CompilerServices.StrongBox<long>();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (Current.Value is { } box && response.Headers.TryGetValues("X-Fake-Ticks", out var values))
            {
                box.Value += long.Parse(values.First(), CultureInfo.InvariantCulture);
            }

            return response;
        }
    }
}
