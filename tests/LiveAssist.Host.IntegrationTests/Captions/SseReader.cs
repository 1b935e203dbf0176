using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LiveAssist.Host.IntegrationTests.Captions;

/// <summary>Listens to a caption stream the way an overlay does, keeping every event in arrival order.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly List<(string Name, string? Id, JsonElement Data)> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private SseReader(Stream stream) => _reading = Task.Run(() => ReadAsync(stream));

    /// <summary>One caption stream per language of a session, as each language's overlay would open it.</summary>
    public static async Task<Dictionary<string, SseReader>> OpenCaptionStreamsAsync(HttpClient client, string sessionId, IEnumerable<string> languages)
    {
        var streams = new Dictionary<string, SseReader>();
        foreach (var lang in languages)
        {
            streams[lang] = await OpenAsync(client, $"/api/sessions/{sessionId}/captions/stream?lang={lang}");
        }

        return streams;
    }

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, string? lastEventId = null, string? hostKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (hostKey is not null)
        {
            request.Headers.Add("X-Host-Key", hostKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/event-stream", response.Content.Headers.ContentType?.ToString());
        return new SseReader(await response.Content.ReadAsStreamAsync());
    }

    public IReadOnlyList<(string Name, string? Id, JsonElement Data)> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>
    /// The captions of one kind. Every caption this reader received is checked first, so every test that reads
    /// captions checks them too: no dictionary markup on air, no Chinese characters in a caption for readers of
    /// another script (Japanese aside) unless the line keeps a glossary term the merchant gave only in Chinese.
    /// </summary>
    public IReadOnlyList<JsonElement> Captions(string kind)
    {
        var captions = Events.Where(e => e.Name == "caption").Select(e => e.Data).ToList();
        foreach (var caption in captions)
        {
            OnAirCheck.Assert(caption);
        }

        return [.. captions.Where(c => c.GetProperty("kind").GetString() == kind)];
    }

    public async Task WaitUntilAsync(Func<SseReader, bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition(this))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; got {Events.Count} events: {string.Join(" | ", Events.TakeLast(5).Select(e => e.Name + " " + e.Data))}");
            await Task.Delay(20);
        }
    }

    private async Task ReadAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? name = null, id = null;
        var data = new StringBuilder();
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        using var document = JsonDocument.Parse(data.ToString());
                        lock (_events)
                        {
                            _events.Add((name ?? "message", id, document.RootElement.Clone()));
                        }
                    }

                    name = null;
                    id = null;
                    data.Clear();
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line[6..]);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAny(_reading, Task.Delay(2000));
        _stop.Dispose();
    }
}
