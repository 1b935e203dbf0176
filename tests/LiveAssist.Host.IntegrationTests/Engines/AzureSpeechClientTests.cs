using System.Net.WebSockets;
using System.Text;
using LiveAssist.Speech.Recognition;
using LiveAssist.Engines.Azure.Speech;
using LiveAssist.Engines.Azure.CognitiveAuth;
using LiveAssist.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveAssist.Host.IntegrationTests.Engines;

/// <summary>The Azure Speech WebSocket client against a loopback service that speaks the documented message format.</summary>
public sealed class AzureSpeechClientTests : IAsyncLifetime
{
    private const int BytesPerMs = FakeSpeechTurn.BytesPerMs;
    private FakeSpeechService _service = null!;

    public async Task InitializeAsync() => _service = await FakeSpeechService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Partials_come_before_the_final_and_the_wire_follows_the_protocol()
    {
        var pcm = Tone(2000);
        _service.OnAudio = async turn =>
        {
            if (turn.Step == 0 && turn.ReceivedMs >= 600)
            {
                turn.Step = 1;
                await turn.HypothesisAsync("这款", 100, 400);
            }
            else if (turn.Step == 1 && turn.ReceivedMs >= 1200)
            {
                turn.Step = 2;
                await turn.HypothesisAsync("这款保温杯", 100, 1000);
            }
            else if (turn.Ended)
            {
                await turn.PhraseAsync("这款保温杯一块八。", 100, 1700);
                await turn.EndAsync();
            }
        };
        await using var client = Client();

        var results = await client.RecognizeAsync(pcm, new SpeechTurnRequest("zh-CN", ["保温杯"]), CancellationToken.None).ToListAsync();

        Assert.Equal(["这款", "这款保温杯", "这款保温杯一块八。"], results.Select(r => r.Text));
        Assert.Equal([false, false, true], results.Select(r => r.IsFinal));
        Assert.Equal(100, results[^1].OffsetMs);
        Assert.Equal(1700, results[^1].DurationMs);

        var connection = Assert.Single(_service.Connections);
        Assert.Equal("token-1", connection.Token);
        Assert.Matches("^[0-9a-f]{32}$", connection.ConnectionId);
        Assert.Contains("language=zh-CN", connection.Query, StringComparison.Ordinal);
        var received = connection.Received.ToList();
        Assert.Equal("speech.config", received[0].Path);
        Assert.Equal("speech.context", received[1].Path);
        var turn = Assert.Single(connection.Turns);
        Assert.Equal("保温杯", turn.Context.GetProperty("dgi").GetProperty("groups")[0].GetProperty("items")[0].GetProperty("text").GetString()); // phrase hint
        Assert.Equal("zh-CN", turn.Context.GetProperty("phraseDetection").GetProperty("language").GetString());
        Assert.Matches("^[0-9a-f]{32}$", turn.RequestId);
        Assert.Equal("audio/x-wav", received[2].ContentType);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(turn.Header, 0, 4));
        Assert.Equal(16_000, BitConverter.ToInt32(turn.Header, 24));
        Assert.All(received.Skip(2), m => Assert.Equal(turn.RequestId, m.RequestId));
        Assert.All(received.Skip(3).SkipLast(1), m => Assert.InRange(m.Payload.Length, 1, 8192));
        Assert.Empty(received[^1].Payload); // end of audio
        Assert.Equal(pcm, turn.Audio.ToArray());
    }

    [Fact]
    public async Task A_translation_turn_returns_the_recognized_text_with_three_languages()
    {
        var pcm = Tone(1500);
        var translations = new Dictionary<string, string> { ["en"] = "MOQ 500 pieces.", ["es"] = "Pedido mínimo 500 piezas.", ["zh-Hans"] = "五百件起批。" };
        _service.OnAudio = async turn =>
        {
            if (turn.Step == 0 && turn.ReceivedMs >= 800)
            {
                turn.Step = 1;
                await turn.TranslationAsync(false, "五百件", 0, 700, new Dictionary<string, string> { ["en"] = "500 pieces", ["es"] = "500 piezas", ["zh-Hans"] = "五百件" });
            }
            else if (turn.Ended)
            {
                await turn.TranslationAsync(true, "五百件起批。", 0, 1400, translations);
                await turn.EndAsync();
            }
        };
        await using var client = Client();

        var results = await client.RecognizeAsync(pcm, new SpeechTurnRequest("zh-CN", [], ["en", "es", "zh"]), CancellationToken.None).ToListAsync();

        var connection = Assert.Single(_service.Connections);
        Assert.Contains("from=zh-CN", connection.Query, StringComparison.Ordinal);
        Assert.Contains("to=en%2Ces%2Czh-Hans", connection.Query, StringComparison.Ordinal); // Translator codes, not zh-CN
        var context = Assert.Single(connection.Turns).Context;
        Assert.Equal(["en", "es", "zh-Hans"], context.GetProperty("translation").GetProperty("targetLanguages").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Translate", context.GetProperty("phraseDetection").GetProperty("onSuccess").GetProperty("action").GetString());

        Assert.Equal(2, results.Count);
        Assert.False(results[0].IsFinal);
        Assert.Equal("500 piezas", results[0].Translations!["es"]);
        var final = results[1];
        Assert.True(final.IsFinal);
        Assert.Equal("五百件起批。", final.Text);
        Assert.Equal("MOQ 500 pieces.", final.Translations!["en"]);
        Assert.Equal("Pedido mínimo 500 piezas.", final.Translations["es"]);
        Assert.Equal("五百件起批。", final.Translations["zh"]);
    }

    [Fact]
    public async Task A_connection_dropped_mid_utterance_reconnects_and_replays_only_the_audio_no_final_covered()
    {
        var pcm = Tone(3000);
        _service.OnAudio = async turn =>
        {
            var first = _service.Connections.Count == 1;
            if (first && turn.Step == 0 && turn.ReceivedMs >= 1500)
            {
                turn.Step = 1;
                await turn.PhraseAsync("第一句。", 0, 1000); // covers 0–1000 ms
                await turn.HypothesisAsync("第二", 1000, 400);
            }
            else if (first && turn.Step == 1 && turn.ReceivedMs >= 2000)
            {
                turn.Step = 2;
                await turn.Connection.DropAsync();
            }
            else if (!first && turn.Ended)
            {
                // Offsets on the new connection count from the start of the replayed audio.
                await turn.PhraseAsync("第二句。", 100, turn.ReceivedMs - 200);
                await turn.EndAsync();
            }
        };
        await using var client = Client();

        var results = await client.RecognizeAsync(pcm, new SpeechTurnRequest("zh-CN", []), CancellationToken.None).ToListAsync();

        Assert.Equal(["第一句。", "第二句。"], results.Where(r => r.IsFinal).Select(r => r.Text));
        var second = results.Last();
        Assert.Equal(1100, second.OffsetMs); // session-absolute: replay started at 1000 ms
        var connections = _service.Connections.ToList();
        Assert.Equal(2, connections.Count);
        Assert.NotEqual(connections[0].ConnectionId, connections[1].ConnectionId);
        Assert.Equal("speech.config", connections[1].Received.First().Path); // a new connection is configured again
        var replayed = Assert.Single(connections[1].Turns);
        Assert.NotEqual(connections[0].Turns.Single().RequestId, replayed.RequestId);
        Assert.Equal(pcm[(1000 * BytesPerMs)..], replayed.Audio.ToArray()); // exactly what no final covered
        Assert.Equal(1, client.Reconnects);
    }

    [Fact]
    public async Task The_service_closing_at_its_time_limit_with_an_expired_token_gets_a_new_token_and_loses_nothing()
    {
        var pcm = Tone(2500);
        _service.AcceptsToken = token => token != "token-1" || _service.Connections.IsEmpty; // token-1 "expires" after the first connection
        _service.OnAudio = async turn =>
        {
            var first = _service.Connections.Count == 1;
            if (first && turn.Step == 0 && turn.ReceivedMs >= 1200)
            {
                turn.Step = 1;
                await turn.PhraseAsync("开始。", 0, 1000);
                await turn.Connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "connection time limit reached");
            }
            else if (!first && turn.Ended)
            {
                await turn.PhraseAsync("结束。", 0, turn.ReceivedMs);
                await turn.EndAsync();
            }
        };
        await using var client = Client();

        var results = await client.RecognizeAsync(pcm, new SpeechTurnRequest("zh-CN", []), CancellationToken.None).ToListAsync();

        Assert.Equal(["开始。", "结束。"], results.Select(r => r.Text));
        Assert.Equal(1000, results[1].OffsetMs);
        Assert.Equal(2, _service.TokensIssued); // the refused reconnect asked for a new token
        var connections = _service.Connections.ToList();
        Assert.Equal(["token-1", "token-2"], connections.Select(c => c.Token));
        Assert.Equal(pcm[(1000 * BytesPerMs)..], connections[1].Turns.Single().Audio.ToArray());
    }

    [Fact]
    public async Task Connections_are_reused_between_segments_and_recycled_before_the_ten_minute_limit_with_a_fresh_token()
    {
        _service.OnAudio = async turn =>
        {
            if (turn.Ended)
            {
                await turn.PhraseAsync($"第{turn.Connection.Turns.Count}段。", 0, turn.ReceivedMs);
                await turn.EndAsync();
            }
        };
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var client = Client(time);

        await client.RecognizeAsync(Tone(500), new SpeechTurnRequest("zh-CN", []), CancellationToken.None).ToListAsync();
        time.Advance(TimeSpan.FromSeconds(60));
        await client.RecognizeAsync(Tone(500), new SpeechTurnRequest("zh-CN", []), CancellationToken.None).ToListAsync();
        Assert.Single(_service.Connections); // one socket, two turns
        Assert.Equal(2, _service.Connections.Single().Turns.Count);

        time.Advance(TimeSpan.FromMinutes(9)); // past the recycle age (and the token's reuse time)
        var late = await client.RecognizeAsync(Tone(500), new SpeechTurnRequest("zh-CN", []), CancellationToken.None).ToListAsync();

        Assert.Equal("第1段。", Assert.Single(late).Text);
        var connections = _service.Connections.ToList();
        Assert.Equal(2, connections.Count);
        await WaitUntil(() => connections[0].ClosedByClient);
        Assert.Equal("token-2", connections[1].Token);
    }

    [Fact]
    public async Task A_protocol_error_close_is_not_retried_so_the_next_engine_gets_the_segment()
    {
        _service.OnAudio = async turn => await turn.Connection.CloseAsync(WebSocketCloseStatus.InvalidPayloadData, "bad audio format");
        await using var client = Client();
        await Assert.ThrowsAsync<SpeechServiceException>(async () => await client.RecognizeAsync(Tone(500), new SpeechTurnRequest("zh-CN", []), CancellationToken.None).ToListAsync());
        Assert.Single(_service.Connections);
    }

    private AzureSpeechClient Client(TimeProvider? time = null)
    {
        var options = new AzureSpeechOptions { Key = "speech-key", Region = "westeurope", TokenEndpoint = _service.BaseUrl, Endpoint = _service.WebSocketBase, TranslationEndpoint = _service.WebSocketBase };
        time ??= TimeProvider.System;
        var tokens = new CognitiveTokenProvider(options, new HttpClient(), time, NullLogger.Instance);
        return new AzureSpeechClient(options, tokens, time, NullLogger<AzureSpeechClient>.Instance);
    }

    /// <summary>16 kHz 16-bit mono samples that differ everywhere, so a replay from the wrong offset shows.</summary>
    private static byte[] Tone(int ms)
    {
        var pcm = new byte[ms * BytesPerMs];
        for (var i = 0; i < pcm.Length / 2; i++)
        {
            BitConverter.TryWriteBytes(pcm.AsSpan(i * 2), (short)(i % 30011));
        }

        return pcm;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
