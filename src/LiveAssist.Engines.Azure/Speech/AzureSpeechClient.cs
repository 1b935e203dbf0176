using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.Speech.Recognition;
using LiveAssist.Engines.Azure.CognitiveAuth;
using Microsoft.Extensions.Logging;

namespace LiveAssist.Engines.Azure.Speech;

/// <summary>What to recognize: the spoken locale, phrase hints, and (speech translation) target languages.</summary>
public sealed record SpeechTurnRequest(string Locale, IReadOnlyList<string> Phrases, IReadOnlyList<string>? TranslateTo = null);

/// <summary>
/// Real-time recognition and speech translation over the Speech service's WebSocket protocol (v1,
/// the documented one). One call is one stretch of audio: on a pooled connection it sends
/// <c>speech.config</c> (per connection), <c>speech.context</c> and a WAV header with a fresh request
/// id, the PCM in 100 ms frames, then the empty end-of-audio frame; it yields hypotheses and phrases
/// until <c>turn.end</c>. If the socket drops or the service closes it (its 10-minute limit), the
/// client reconnects with a fresh token and replays the audio after the last final phrase, so no
/// recognized text is lost and nothing is reported twice. Connections are recycled between turns
/// before the service's limits.
/// </summary>
public sealed partial class AzureSpeechClient(AzureSpeechOptions options, CognitiveTokenProvider tokens, TimeProvider time, ILogger<AzureSpeechClient> logger) : IAsyncDisposable
{
    private const int BytesPerMs = 32; // 16 kHz, 16-bit, mono
    private const int FrameBytes = 3200; // 100 ms, as the SDK sends
    private const int MaxConnectAttempts = 4; // the SDK's SPEECH-Error-MaxRetryCount
    private static readonly WebSocketCloseStatus[] FatalCloses =
        [WebSocketCloseStatus.ProtocolError, WebSocketCloseStatus.InvalidMessageType, WebSocketCloseStatus.InvalidPayloadData, (WebSocketCloseStatus)4000];

    private readonly ConcurrentDictionary<Uri, ConcurrentQueue<SpeechConnection>> _idle = new();
    private long _connections;
    private long _reconnects;

    /// <summary>Connections opened so far (health and tests).</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connections);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public async IAsyncEnumerable<RecognitionResult> RecognizeAsync(ReadOnlyMemory<byte> pcm, SpeechTurnRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.TranslateTo is { Count: > 0 } targets
            ? options.TranslationUri(request.Locale, targets.Select(SpeechLocales.ForTranslation))
            : options.RecognitionUri(request.Locale);
        long acknowledged = 0; // bytes covered by final phrases: never sent again
        var recoveries = 0;
        while (true)
        {
            var connection = await RentAsync(uri, cancellationToken).ConfigureAwait(false);
            var requestId = UspMessage.NewId();
            var turnBase = acknowledged;
            using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sending = SendTurnAsync(connection, requestId, pcm[(int)turnBase..], request, stopSending.Token);
            var ended = false;
            while (true)
            {
                var message = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (message is null)
                {
                    break;
                }

                if (!string.Equals(message.RequestId, requestId, StringComparison.OrdinalIgnoreCase))
                {
                    continue; // a late message of an earlier turn
                }

                if (string.Equals(message.Path, "turn.end", StringComparison.OrdinalIgnoreCase))
                {
                    ended = true;
                    break;
                }

                if (Read(message, turnBase) is { } read)
                {
                    if (read.Final)
                    {
                        acknowledged = Math.Clamp(turnBase + (read.EndTicks / 10_000 * BytesPerMs), acknowledged, pcm.Length);
                    }

                    if (read.Result is { } result)
                    {
                        yield return result;
                    }
                }
            }

            await stopSending.CancelAsync().ConfigureAwait(false);
            var sentAll = await CompletedAsync(sending).ConfigureAwait(false);
            if (ended && sentAll)
            {
                Return(connection);
                yield break;
            }

            // Dropped, closed at the service's time limit, or the turn ended early: replay what no phrase covered.
            var closed = connection.CloseStatus;
            await connection.DisposeAsync().ConfigureAwait(false);
            if (closed is { } code && FatalCloses.Contains(code))
            {
                throw new SpeechServiceException($"The Speech service closed the connection with {(int)code} ({code}).");
            }

            if (++recoveries > options.MaxReconnects)
            {
                throw new SpeechServiceException($"The Speech connection failed {recoveries} times in one segment.");
            }

            Interlocked.Increment(ref _reconnects);
            LogReplaying(logger, closed?.ToString() ?? (ended ? "turn ended early" : "dropped"), (pcm.Length - acknowledged) / BytesPerMs);
        }
    }

    private async Task SendTurnAsync(SpeechConnection connection, string requestId, ReadOnlyMemory<byte> audio, SpeechTurnRequest request, CancellationToken cancellationToken)
    {
        await connection.SendAsync(UspMessage.Text("speech.context", requestId, "application/json", SpeechContextJson(request), time.GetUtcNow()), WebSocketMessageType.Text, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(UspMessage.Binary("audio", requestId, "audio/x-wav", StreamingWaveHeader, time.GetUtcNow()), WebSocketMessageType.Binary, cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();
        for (var offset = 0; offset < audio.Length; offset += FrameBytes)
        {
            // Pace like the SDK: the first seconds as fast as available, then at most twice real time.
            var sentMs = offset / BytesPerMs;
            if (sentMs > options.UnpacedAudioMs)
            {
                var due = TimeSpan.FromMilliseconds((sentMs - options.UnpacedAudioMs) / 2.0) - time.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, time, cancellationToken).ConfigureAwait(false);
                }
            }

            var frame = audio.Slice(offset, Math.Min(FrameBytes, audio.Length - offset));
            await connection.SendAsync(UspMessage.Binary("audio", requestId, null, frame.Span, time.GetUtcNow()), WebSocketMessageType.Binary, cancellationToken).ConfigureAwait(false);
        }

        await connection.SendAsync(UspMessage.Binary("audio", requestId, null, [], time.GetUtcNow()), WebSocketMessageType.Binary, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> CompletedAsync(Task sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>A pooled connection still well inside the service's limits, or a new one.</summary>
    private async Task<SpeechConnection> RentAsync(Uri uri, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_idle.TryGetValue(uri, out var queue))
        {
            while (queue.TryDequeue(out var pooled))
            {
                if (pooled.IsOpen && now - pooled.OpenedAt < TimeSpan.FromSeconds(options.MaxConnectionSeconds) && now - pooled.LastUsedAt < TimeSpan.FromSeconds(options.IdleConnectionSeconds))
                {
                    return pooled;
                }

                LogRecycled(logger, (int)(now - pooled.OpenedAt).TotalSeconds);
                await pooled.DisposeAsync().ConfigureAwait(false);
            }
        }

        var refresh = false;
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(refresh, cancellationToken).ConfigureAwait(false);
            try
            {
                var connection = await SpeechConnection.OpenAsync(uri, token, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _connections);
                await connection.SendAsync(UspMessage.Text("speech.config", UspMessage.NewId(), "application/json", SpeechConfigJson, time.GetUtcNow()), WebSocketMessageType.Text, cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch (SpeechConnectException e) when (attempt < MaxConnectAttempts)
            {
                refresh = e.TokenRejected;
                LogConnectRetry(logger, (int)e.Status, refresh);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Return(SpeechConnection connection)
    {
        connection.LastUsedAt = time.GetUtcNow();
        _idle.GetOrAdd(connection.Uri, _ => new ConcurrentQueue<SpeechConnection>()).Enqueue(connection);
    }

    /// <summary>A hypothesis or phrase, with offsets made relative to the whole audio; <c>Final</c> also for phrases without text (they still acknowledge audio).</summary>
    private static (RecognitionResult? Result, bool Final, long EndTicks)? Read(UspMessage message, long turnBaseBytes)
    {
        var path = message.Path.ToLowerInvariant();
        if (path is not ("speech.hypothesis" or "speech.fragment" or "speech.phrase" or "translation.hypothesis" or "translation.phrase") || message.Body.Length == 0)
        {
            return null;
        }

        var body = JsonNode.Parse(message.Body)?.AsObject();
        if (body is null)
        {
            return null;
        }

        var offset = Ticks(body["Offset"]);
        var duration = Ticks(body["Duration"]);
        var final = path.EndsWith(".phrase", StringComparison.Ordinal);
        if (final)
        {
            var status = body["RecognitionStatus"]?.ToString() ?? "Success";
            if (status is "TooManyRequests" or "BadRequest" or "Forbidden" or "Error")
            {
                throw new SpeechServiceException($"The Speech service ended recognition: {status}.");
            }

            if (status != "Success")
            {
                return (null, true, offset + duration); // NoMatch, silence, end of dictation: nothing to say, audio consumed
            }
        }

        var text = body["NBest"]?.AsArray().FirstOrDefault()?["Display"]?.ToString() ?? body["DisplayText"]?.ToString() ?? body["Text"]?.ToString() ?? string.Empty;
        var baseMs = turnBaseBytes / BytesPerMs;
        var result = new RecognitionResult(text, final, baseMs + (offset / 10_000), duration / 10_000);
        if (body["Translation"] is JsonObject translation)
        {
            var translations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (string.Equals(translation["TranslationStatus"]?.ToString(), "Success", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var item in translation["Translations"]?.AsArray() ?? [])
                {
                    if (item?["Language"]?.ToString() is { } language && item["Text"]?.ToString() is { } translated)
                    {
                        translations[SpeechLocales.FromTranslation(language)] = translated;
                    }
                }
            }

            result = result with { Translations = translations };
        }

        return (text.Length > 0 ? result : null, final, offset + duration);
    }

    private static long Ticks(JsonNode? node)
        => node is null ? 0 : node.GetValueKind() == JsonValueKind.String ? long.Parse(node.ToString(), System.Globalization.CultureInfo.InvariantCulture) : node.GetValue<long>();

    private static readonly string SpeechConfigJson = JsonSerializer.Serialize(new
    {
        context = new
        {
            system = new { name = "LiveAssist", version = "1.0", build = "dotnet", lang = "C#" },
            os = new { platform = "Linux", name = "unknown", version = "unknown" },
            audio = new { source = new { bitspersample = 16, channelcount = 1, connectivity = "Unknown", manufacturer = "LiveAssist", model = "host", samplerate = 16000, type = "Stream" } },
        },
        recognition = "conversation",
    });

    private static string SpeechContextJson(SpeechTurnRequest request)
    {
        var detection = new JsonObject
        {
            ["mode"] = "Conversation",
            ["language"] = request.Locale,
            // No TrueText for live captions: its post-processing delays words in mixed Chinese/English speech.
            ["enrichment"] = new JsonObject { ["profanity"] = "Masked" },
        };
        var context = new JsonObject
        {
            ["phraseDetection"] = detection,
            ["phraseOutput"] = new JsonObject { ["format"] = "Detailed", ["detailed"] = new JsonObject { ["options"] = new JsonArray("WordTimings") } },
        };
        if (request.Phrases.Count > 0)
        {
            context["dgi"] = new JsonObject
            {
                ["groups"] = new JsonArray(new JsonObject { ["type"] = "Generic", ["items"] = new JsonArray([.. request.Phrases.Select(p => (JsonNode)new JsonObject { ["text"] = p })]) }),
                ["bias"] = 1.0,
            };
        }

        if (request.TranslateTo is { Count: > 0 } targets)
        {
            detection["onSuccess"] = new JsonObject { ["action"] = "Translate" };
            detection["onInterim"] = new JsonObject { ["action"] = "Translate" };
            context["translation"] = new JsonObject
            {
                ["targetLanguages"] = new JsonArray([.. targets.Select(t => (JsonNode)JsonValue.Create(SpeechLocales.ForTranslation(t)))]),
                ["output"] = new JsonObject { ["includePassThroughResults"] = true, ["interimResults"] = new JsonObject { ["mode"] = "Always" } },
                ["onSuccess"] = new JsonObject { ["action"] = "None" },
                ["onPassthrough"] = new JsonObject { ["action"] = "None" },
            };
        }

        return context.ToJsonString();
    }

    /// <summary>The SDK's streaming WAV header: RIFF and data sizes 0 (unknown length), 16 kHz 16-bit mono PCM.</summary>
    private static readonly byte[] StreamingWaveHeader = CreateStreamingWaveHeader();

    private static byte[] CreateStreamingWaveHeader()
    {
        var header = new LiveAssist.Speech.Audio.SpeechSegment(ReadOnlyMemory<byte>.Empty, 16_000, 0, 0).ToWav();
        Array.Clear(header, 4, 4);
        Array.Clear(header, 40, 4);
        return header;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _idle.Values)
        {
            while (queue.TryDequeue(out var connection))
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Speech connection {Reason}: reconnecting and replaying {Ms} ms of audio not yet covered by a final result")]
    private static partial void LogReplaying(ILogger logger, string reason, long ms);

    [LoggerMessage(2, LogLevel.Information, "Speech connection recycled after {Seconds} s (the service cuts connections at 10 minutes and idles them out at 3)")]
    private static partial void LogRecycled(ILogger logger, int seconds);

    [LoggerMessage(3, LogLevel.Warning, "Speech connection refused ({Status}); retrying{WithNewToken}")]
    private static partial void LogConnectRetry(ILogger logger, int status, bool withNewToken);
}
