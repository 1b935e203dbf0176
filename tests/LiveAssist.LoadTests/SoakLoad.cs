using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LiveAssist.LoadTests;

/// <summary>
/// Issue 15's soak: buyers chatting on Direct Line, overlays on the caption stream with a host line every 2 s, and
/// an attacker on the same address spending every budget (chat tokens, one token's turns, chunked bodies, streams,
/// big activities, sign-in guesses). Reports host memory over time, legitimate errors and the attacker's refusals.
/// </summary>
internal static class SoakLoad
{
    public sealed record Result(
        IReadOnlyList<(TimeSpan At, long RssMb)> Memory,
        double BuyerTurnsPerSecond,
        LatencyRecorder BuyerLatency,
        LatencyRecorder CaptionLatency,
        int CaptionDeliveries,
        IReadOnlyDictionary<string, (int Sent, int Refused, int ServerErrors)> Attacks);

    public static async Task<Result> RunAsync(string baseUrl, string secret, string sessionId, int processId, int buyers, int overlays, TimeSpan buyerThinkTime, TimeSpan duration)
    {
        var memory = new ConcurrentQueue<(TimeSpan, long)>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                memory.Enqueue((clock.Elapsed, await RssMbAsync(processId)));
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        var attacks = new ConcurrentDictionary<string, (int Sent, int Refused, int ServerErrors)>();
        var attacker = Task.Run(() => AttackAsync(baseUrl, sessionId, attacks, stop.Token));
        var lines = Math.Max(10, (int)(duration.TotalSeconds / 2));
        var captions = CaptionsLoad.RunAsync(baseUrl, overlays, lines, TimeSpan.FromSeconds(2));
        var chat = DirectLineLoad.RunAsync(baseUrl, secret, buyers, buyerThinkTime, TimeSpan.FromSeconds(5), duration, sessionId);
        var (rate, buyerLatency) = await chat;
        var (captionLatency, delivered) = await captions;
        memory.Enqueue((clock.Elapsed, await RssMbAsync(processId)));
        await stop.CancelAsync();
        await Task.WhenAll(sampler, attacker.ContinueWith(_ => { }, TaskScheduler.Default));
        return new Result([.. memory], rate, buyerLatency, captionLatency, delivered, attacks);
    }

    private static async Task AttackAsync(string baseUrl, string sessionId, ConcurrentDictionary<string, (int Sent, int Refused, int ServerErrors)> attacks, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1000 };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var held = new List<HttpResponseMessage>();
        void Count(string attack, HttpStatusCode status)
            => attacks.AddOrUpdate(attack, _ => (1, Refused(status), (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable ? 1 : 0),
                (_, c) => (c.Sent + 1, c.Refused + Refused(status), c.ServerErrors + ((int)status >= 500 && status != HttpStatusCode.ServiceUnavailable ? 1 : 0)));

        string? token = null;
        string? conversation = null;
        var round = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                round++;
                try
                {
                    // Tokens from the public endpoint, as fast as it gives them.
                    using (var minted = await http.PostAsync("/chat/token?lang=en", null, cancellationToken))
                    {
                        Count("chat tokens (60/min per IP)", minted.StatusCode);
                        if (minted.IsSuccessStatusCode && token is null)
                        {
                            token = (await minted.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("token").GetString();
                            using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
                            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                            using var started = await http.SendAsync(start, cancellationToken);
                            conversation = (await started.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("conversationId").GetString();
                        }
                    }

                    if (token is not null)
                    {
                        // One token's turns, each a 200 KiB handoff request.
                        for (var i = 0; i < 5; i++)
                        {
                            using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversation}/activities")
                            {
                                Content = JsonContent.Create(new { type = "message", text = "what are your payment terms? " + round + new string('x', 200 * 1024), from = new { id = "attacker" } }),
                            };
                            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                            using var posted = await http.SendAsync(post, cancellationToken);
                            Count("turns from one token, 200 KiB each (30/min per conversation)", posted.StatusCode);
                        }

                        // A 2 MB chunked body where 16 KiB is the budget.
                        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations")
                        {
                            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"user\":{\"id\":\"a\",\"name\":\"" + new string('n', 2 * 1024 * 1024) + "\"}}"))),
                        };
                        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                        chunked.Headers.TransferEncodingChunked = true;
                        chunked.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        // Its own connection: the server stops reading at the budget and closes it.
                        using var oneShot = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
                        using var chunkedResponse = await oneShot.SendAsync(chunked, cancellationToken);
                        Count("2 MB chunked conversation body (16 KiB)", chunkedResponse.StatusCode);
                    }

                    // Sign-in guessing from the buyers' address.
                    using (var guess = await http.PostAsJsonAsync("/operator/login", new { name = "admin", password = "guess" + round }, cancellationToken))
                    {
                        Count("sign-in guesses (10/min per IP)", guess.StatusCode);
                    }

                    // Streams held open until the per-IP budget refuses more.
                    if (held.Count < 400 && round % 2 == 0)
                    {
                        var stream = await http.GetAsync($"/api/sessions/{sessionId}/captions/stream?lang=en", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                        Count("caption streams held open (streams per IP)", stream.StatusCode);
                        if (stream.IsSuccessStatusCode)
                        {
                            held.Add(stream);
                        }
                        else
                        {
                            stream.Dispose();
                        }
                    }

                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    attacks.AddOrUpdate("attacker requests that failed client-side (timeout, reset)", _ => (1, 0, 0), (_, c) => (c.Sent + 1, c.Refused, c.ServerErrors));
                }

                await Task.Delay(200, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            held.ForEach(h => h.Dispose());
        }
    }

    private static int Refused(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.ServiceUnavailable ? 1 : 0;

    private static async Task<long> RssMbAsync(int processId)
    {
        var status = await File.ReadAllLinesAsync($"/proc/{processId}/status");
        return long.Parse(status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
